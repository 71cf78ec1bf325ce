using Anna.Core.Policy;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>Gathers every error of one parse so a person can fix them all in one edit.</summary>
internal sealed class ConfigErrorCollector(string fileName)
{
    private readonly List<ConfigError> _errors = [];

    public string FileName { get; } = fileName;

    public int Count => _errors.Count;

    /// <summary>Tomlyn positions are 0-based; people and editors count from 1.</summary>
    public void Add(SyntaxNodeBase node, string key, string message) => Add(node.Span, key, message);

    public void Add(SourceSpan span, string key, string message) =>
        _errors.Add(new ConfigError(FileName, span.Start.Line + 1, span.Start.Column + 1, key, message));

    public IReadOnlyList<ConfigError> ToSortedList() =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
