namespace Anna.IntegrationTests.Systemd;

/// <summary>Tests against the sandboxed systemd run one after another, sharing one sandbox.</summary>
[CollectionDefinition(Name)]
public sealed class SystemdCollection : ICollectionFixture<SystemdSandboxFixture>
{
    public const string Name = "systemd";
}
