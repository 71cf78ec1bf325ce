using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Flattens a parsed healing.toml into dotted key → value node, whichever way the user spelt it
/// (<c>[healing.schedule]</c>, dotted keys, inline tables), and reports tables and keys that are
/// not in the schema. Keeping the value nodes lets later checks point at the offending value.
/// </summary>
internal sealed class TomlDocumentIndex
{
    private readonly Dictionary<string, KeyValueSyntax> _entries = new(StringComparer.Ordinal);
    private readonly List<(int Line, string Key)> _keysByLine = [];
    private readonly ConfigErrorCollector _errors;

    private TomlDocumentIndex(ConfigErrorCollector errors) => _errors = errors;

    public static TomlDocumentIndex Build(DocumentSyntax document, ConfigErrorCollector errors)
    {
        var index = new TomlDocumentIndex(errors);
        foreach (var keyValue in document.KeyValues)
            index.VisitKeyValue("", keyValue);
        foreach (var table in document.Tables)
            index.VisitTable(table);
        return index;
    }

    /// <summary>The value node written for <paramref name="key"/>, or null when the file does not set it.</summary>
    public ValueSyntax? Find(string key) => _entries.TryGetValue(key, out var kv) ? kv.Value : null;

    /// <summary>Every schema key the file sets, however it is spelt.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>
    /// The dotted key written on a line, so a syntax error from the TOML parser can still name
    /// the setting it broke.
    /// </summary>
    public string KeyOnLine(int zeroBasedLine)
    {
        for (var i = _keysByLine.Count - 1; i >= 0; i--)
        {
            if (_keysByLine[i].Line == zeroBasedLine)
                return _keysByLine[i].Key;
        }
        return "(syntax)";
    }

    private void VisitTable(TableSyntaxBase table)
    {
        if (table.Name is null)
            return; // a syntax error Tomlyn already reported
        var path = KeyPath(table.Name);
        _keysByLine.Add((table.Name.Span.Start.Line, path));

        if (table is TableArraySyntax)
        {
            _errors.Add(table.Name, path, HealingConfigSchema.IsTable(path)
                ? $"[[{path}]] declares an array of tables; write [{path}]"
                : UnknownMessage(path, "table"));
            return;
        }
        if (!HealingConfigSchema.IsTable(path))
        {
            // One error for the header is enough; listing each key under it would only add noise.
            _errors.Add(table.Name, path, HealingConfigSchema.IsKey(path)
                ? $"{path} is a setting, not a table; write it as a key = value"
                : UnknownMessage(path, "table"));
            return;
        }
        foreach (var keyValue in table.Items)
            VisitKeyValue(path, keyValue);
    }

    private void VisitKeyValue(string prefix, KeyValueSyntax keyValue)
    {
        if (keyValue.Key is null)
            return;
        var path = Join(prefix, KeyPath(keyValue.Key));
        _keysByLine.Add((keyValue.Key.Span.Start.Line, path));
        if (keyValue.Value is null)
            return;

        if (HealingConfigSchema.IsTable(path))
        {
            if (keyValue.Value is InlineTableSyntax inline)
            {
                foreach (var item in inline.Items)
                {
                    if (item.KeyValue is not null)
                        VisitKeyValue(path, item.KeyValue);
                }
            }
            else
            {
                _errors.Add(keyValue.Value, path, $"expected a table, got {TomlValues.Describe(keyValue.Value)}");
            }
            return;
        }
        if (!HealingConfigSchema.IsKey(path))
        {
            _errors.Add(keyValue.Key, path, UnknownMessage(path, "key"));
            return;
        }
        // A second definition is a duplicate that Tomlyn reports; the first one stands.
        _entries.TryAdd(path, keyValue);
    }

    private static string UnknownMessage(string path, string what)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? "" : path[..dot];
        var name = path[(dot + 1)..];
        if (!HealingConfigSchema.IsTable(parent) && parent.Length > 0)
            return $"unknown {what}; healing.toml has only [healing] with its tables schedule, rollback, circuit_breaker, and [probes] with disk, logs, memory";
        var known = HealingConfigSchema.ChildrenOf(parent);
        var suggestion = HealingConfigSchema.Suggest(parent, name);
        var where = parent.Length == 0 ? "at the top level" : $"in [{parent}]";
        return suggestion is not null
            ? $"unknown {what}; did you mean {suggestion}? ({where}: {string.Join(", ", known)})"
            : $"unknown {what}; expected {where}: {string.Join(", ", known)}";
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    internal static string KeyPath(KeySyntax key)
    {
        var parts = new List<string> { KeyPart(key.Key) };
        foreach (var dotted in key.DotKeys)
            parts.Add(KeyPart(dotted.Key));
        return string.Join('.', parts);
    }

    private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };
}
