namespace Anna.Server.Hubs;

/// <summary>What the hub pushes to clients outside the process.</summary>
public interface IAnnaClient
{
    Task EngineEvent(EngineEventDto engineEvent);
}
