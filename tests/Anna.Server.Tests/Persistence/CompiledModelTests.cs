using Anna.Server.Persistence;
using Anna.Server.Persistence.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// The store runs on a model compiled ahead of time (start-up speed); it must say what
/// OnModelCreating says, or a changed model would be silently ignored.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_compiled_model_matches_the_model_built_from_OnModelCreating()
    {
        // Without UseModel the context builds its model from OnModelCreating, as dotnet ef does.
        using var built = new AnnaDbContext(new DbContextOptionsBuilder<AnnaDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var compiled = new AnnaDbContext(new DbContextOptionsBuilder<AnnaDbContext>().UseSqlite("Data Source=:memory:")
            .UseModel(AnnaDbContextModel.Instance).Options);
        var builtModel = built.GetService<IDesignTimeModel>().Model;

        Assert.Equal(Describe(builtModel), Describe(compiled.Model));
    }

    /// <summary>
    /// Every entity's table, keys, indexes and foreign keys, and every property's column, type,
    /// nullability, value generation and converter, one line each (the schema differ cannot read a compiled model).
    /// </summary>
    private static List<string> Describe(IModel model) =>
    [
        .. model.GetEntityTypes().OrderBy(e => e.Name).SelectMany(e => e.GetProperties().Select(p =>
                $"{e.Name} {e.GetTableName()} {p.Name} {p.GetColumnName()} {p.ClrType.Name} {p.IsNullable} {p.ValueGenerated} {p.GetMaxLength()} {p.GetTypeMapping().Converter?.GetType().Name}")
            .Concat(e.GetKeys().Select(k => $"{e.Name} key {Columns(k.Properties)} primary={k.IsPrimaryKey()}"))
            .Concat(e.GetIndexes().Select(i => $"{e.Name} index {i.GetDatabaseName()} {Columns(i.Properties)} unique={i.IsUnique} filter={i.GetFilter()}"))
            .Concat(e.GetForeignKeys().Select(f => $"{e.Name} fk {Columns(f.Properties)} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"))),
    ];

    private static string Columns(IEnumerable<IReadOnlyProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
