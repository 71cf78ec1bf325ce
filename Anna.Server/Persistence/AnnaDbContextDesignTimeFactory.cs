using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Anna.Server.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build the context without starting the host, which would resolve
/// the data directory, need root for /var/lib/anna and start the engine. The tool never
/// opens this connection when adding migrations.
/// </summary>
internal sealed class AnnaDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AnnaDbContext>
{
    public AnnaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnnaDbContext>()
            .UseSqlite("Data Source=anna-design-time.db")
            .Options);
}
