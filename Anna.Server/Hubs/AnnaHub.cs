using Microsoft.AspNetCore.SignalR;

namespace Anna.Server.Hubs;

/// <summary>Live push of engine events at /hubs/anna. Clients only listen; changes go through the API.</summary>
public sealed class AnnaHub : Hub<IAnnaClient>;
