namespace Anna.IntegrationTests.Packages.Apt;

/// <summary>Tests that install packages into the machine's dpkg database run one after another, sharing one local repository.</summary>
[CollectionDefinition(Name)]
public sealed class AptCollection : ICollectionFixture<AptTestRepository>
{
    public const string Name = "apt";
}
