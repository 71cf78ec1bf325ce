namespace Anna.Server.Configuration;

/// <summary>
/// How many connections Anna holds open at once (section "Anna:Connections"), counted for each door
/// on its own (the socket, the dashboard's address: Kestrel keeps one count per listener). Every open connection costs
/// buffers; without a bound, clients that open a new connection whenever an answer is slow (as HTTP
/// clients do) made a loaded Anna hold over 7,000 connections and grow by 300 MiB in three minutes
/// (`Anna.Bench load` on an overloaded machine). Past the bound a new connection is closed at once
/// and the ones already open are served, so memory stays bounded and Anna keeps answering.
/// </summary>
public sealed class ConnectionOptions
{
    public const string Section = "Anna:Connections";

    /// <summary>
    /// Plain connections (API calls, the live clients' event streams); 1,000 by default, room for
    /// hundreds of dashboards and scripts, about 30 MiB at most.
    /// </summary>
    public int Max { get; set; } = 1000;

    /// <summary>Upgraded connections (the dashboard's WebSockets), counted apart from the plain ones.</summary>
    public int MaxUpgraded { get; set; } = 1000;
}
