using System.Text.Json;
using Ekuiper.Domain.Definitions;
using Npgsql;
using NpgsqlTypes;

namespace Ekuiper.Bench.Floor;

/// <summary>
/// What PostgreSQL itself can do with the same data on this machine: the same rows as <see cref="SqliteFloor"/>, into
/// tables of the server's PostgreSQL schema (text <c>COLLATE "C"</c>, <c>boolean</c>), written with binary COPY in one
/// transaction, one COPY per section of the document as it is read. A partial import COPYs its rows into temporary
/// tables and replaces the stored rows from them with one <c>INSERT … ON CONFLICT DO UPDATE</c> per table (COPY itself
/// cannot replace). For export it reads the rows back ordered by key, as the server's export does, and writes the same
/// JSON; the chosen-rules export reads exactly the rows of the closure, one <c>= ANY(keys)</c> query per section. It
/// checks nothing, and is given an open connection: opening one (a new server process on PostgreSQL's side) is not
/// counted, as the server's pooled connections are already open when it is timed.
/// </summary>
public sealed class PostgreSqlFloor(FloorMetadata metadata)
{
    private static readonly string[] Tables = ["Streams", "Rules", "ConfigKeys", "Artifacts"];

    /// <summary>The columns the floor writes, per table, in table order; the first <c>Keys</c> are the primary key.</summary>
    private static readonly Dictionary<string, (string[] Columns, int Keys)> Shapes = new(StringComparer.Ordinal)
    {
        ["Streams"] = (["Name", "Kind", "Statement", "Version", "SourceType", "ConfKey", "SchemaId"], 1),
        ["Rules"] = (["Id", "Json", "Version", "Triggered", "Name", "TagsJson"], 1),
        ["ConfigKeys"] = (["Category", "PluginType", "Name", "PropertiesJson"], 3),
        ["Artifacts"] = (["Kind", "Key", "Json", "Sha256", "InstalledPath"], 2),
    };

    private readonly Dictionary<string, FloorMetadata.StreamColumns> _streams =
        metadata.Streams.ToDictionary(s => s.Name, StringComparer.Ordinal);

    private readonly Dictionary<string, FloorMetadata.RuleColumns> _rules = metadata.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>A connection to the store (the timed runs are handed one already open).</summary>
    public static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A connection to the store that has looked at the floor's tables once, as a pooled connection of the server
    /// has: its PostgreSQL session has their catalog entries cached.
    /// </summary>
    public static NpgsqlConnection OpenUsed(string connectionString)
    {
        var connection = Open(connectionString);
        Execute(connection, null, string.Concat(Tables.Select(t => $"SELECT NULL FROM \"{t}\" LIMIT 0;")));
        return connection;
    }

    /// <summary>Parses <paramref name="document"/> and inserts (or, for a partial import, replaces) its rows.</summary>
    public void Import(NpgsqlConnection connection, byte[] document, bool replace)
    {
        using var transaction = connection.BeginTransaction();
        if (replace)
        {
            Execute(connection, transaction, string.Concat(Tables.Select(t => $"CREATE TEMPORARY TABLE \"new_{t}\" (LIKE \"{t}\") ON COMMIT DROP;")));
        }
        var written = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(document);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var section = reader.GetString()!;
            reader.Read();
            var table = section switch
            {
                "streams" or "tables" => "Streams",
                "rules" => "Rules",
                "sourceConfig" or "sinkConfig" => "ConfigKeys",
                "scripts" => "Artifacts",
                _ => null,
            };
            // One COPY per section that has entries; only one COPY can be open on a connection at a time.
            NpgsqlBinaryImporter? copy = null;
            try
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    var value = reader.GetString()!;
                    if (table is null)
                    {
                        continue;
                    }
                    copy ??= connection.BeginBinaryImport(CopyCommand(replace ? $"new_{table}" : table, Shapes[table].Columns));
                    written.Add(table);
                    switch (table)
                    {
                        case "Streams":
                            var stream = _streams[key];
                            Row(copy, key, stream.Kind.ToString(), value, null, stream.SourceType, stream.ConfKey, null);
                            break;
                        case "Rules":
                            copy.StartRow();
                            copy.Write(key, NpgsqlDbType.Text);
                            copy.Write(value, NpgsqlDbType.Text);
                            copy.WriteNull();
                            var rule = _rules[key];
                            copy.Write(rule.Triggered, NpgsqlDbType.Boolean);
                            WriteText(copy, rule.Name);
                            WriteText(copy, rule.TagsJson);
                            break;
                        case "ConfigKeys":
                            var category = section == "sourceConfig" ? nameof(ConfigCategory.Source) : nameof(ConfigCategory.Sink);
                            using (var keys = JsonDocument.Parse(value))
                            {
                                foreach (var confKey in keys.RootElement.EnumerateObject())
                                {
                                    Row(copy, category, key, confKey.Name, confKey.Value.GetRawText());
                                }
                            }
                            break;
                        case "Artifacts":
                            Row(copy, nameof(ArtifactKind.Script), key, value, null, null);
                            break;
                    }
                }
                copy?.Complete();
            }
            finally
            {
                copy?.Dispose();
            }
        }
        if (replace && written.Count > 0)
        {
            Execute(connection, transaction, string.Concat(Tables.Where(written.Contains).Select(ReplaceFromCopy)));
        }
        transaction.Commit();
    }

    /// <summary>Deletes every row the floor writes.</summary>
    public static void Clear(string connectionString)
    {
        using var connection = Open(connectionString);
        Execute(connection, null, $"TRUNCATE {string.Join(", ", Tables.Select(t => $"\"{t}\""))};");
    }

    /// <summary>Reads every row back, ordered by key, and writes the export document to <paramref name="output"/>.</summary>
    public static void ExportAll(NpgsqlConnection connection, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, FloorJson.WriterOptions);
        writer.WriteStartObject();
        WriteSection(writer, connection, "streams", """SELECT "Name", "Statement" FROM "Streams" WHERE "Kind" = 'Stream' ORDER BY "Name" """);
        WriteSection(writer, connection, "tables", """SELECT "Name", "Statement" FROM "Streams" WHERE "Kind" = 'Table' ORDER BY "Name" """);
        WriteSection(writer, connection, "rules", """SELECT "Id", "Json" FROM "Rules" ORDER BY "Id" """);
        WriteArtifactSection(writer, connection, "nativePlugins", ArtifactKind.NativePlugin);
        WriteArtifactSection(writer, connection, "portablePlugins", ArtifactKind.PortablePlugin);
        WriteConfigSection(writer, connection, "sourceConfig", ConfigCategory.Source, null);
        WriteConfigSection(writer, connection, "sinkConfig", ConfigCategory.Sink, null);
        WriteConfigSection(writer, connection, "connectionConfig", ConfigCategory.Connection, null);
        WriteArtifactSection(writer, connection, "Service", ArtifactKind.Service);
        WriteArtifactSection(writer, connection, "Schema", ArtifactKind.Schema);
        WriteArtifactSection(writer, connection, "uploads", ArtifactKind.Upload);
        WriteArtifactSection(writer, connection, "scripts", ArtifactKind.Script);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads exactly the rows of a chosen-rules export, by key (the closure is known in advance, so none of the
    /// rule analysis is counted), and writes them as a document.
    /// </summary>
    public void ExportChosen(NpgsqlConnection connection, Stream output)
    {
        var chosen = metadata.Chosen;
        using var writer = new Utf8JsonWriter(output, FloorJson.WriterOptions);
        writer.WriteStartObject();
        WriteSection(writer, connection, "streams", """SELECT "Name", "Statement" FROM "Streams" WHERE "Name" = ANY($1) ORDER BY "Name" """, chosen.Streams);
        WriteSection(writer, connection, "tables", """SELECT "Name", "Statement" FROM "Streams" WHERE "Name" = ANY($1) ORDER BY "Name" """, chosen.Tables);
        WriteSection(writer, connection, "rules", """SELECT "Id", "Json" FROM "Rules" WHERE "Id" = ANY($1) ORDER BY "Id" """, chosen.Rules);
        FloorJson.WriteEmptySection(writer, "nativePlugins");
        FloorJson.WriteEmptySection(writer, "portablePlugins");
        WriteConfigSection(writer, connection, "sourceConfig", ConfigCategory.Source, chosen.ConfigKeys);
        WriteConfigSection(writer, connection, "sinkConfig", ConfigCategory.Sink, chosen.ConfigKeys);
        foreach (var empty in new[] { "connectionConfig", "Service", "Schema", "uploads" })
        {
            FloorJson.WriteEmptySection(writer, empty);
        }
        WriteSection(writer, connection, "scripts",
            """SELECT "Key", "Json" FROM "Artifacts" WHERE "Kind" = 'Script' AND "Key" = ANY($1) ORDER BY "Key" """, chosen.Scripts);
        writer.WriteEndObject();
    }

    private static string CopyCommand(string table, IEnumerable<string> columns) =>
        $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Replaces the stored rows by those COPYed into the table's temporary twin, as SQLite's INSERT OR REPLACE does.</summary>
    private static string ReplaceFromCopy(string table)
    {
        var (columns, keys) = Shapes[table];
        var quoted = columns.Select(c => $"\"{c}\"").ToArray();
        return $"INSERT INTO \"{table}\" ({string.Join(", ", quoted)}) SELECT {string.Join(", ", quoted)} FROM \"new_{table}\" " +
               $"ON CONFLICT ({string.Join(", ", quoted.Take(keys))}) DO UPDATE SET " +
               $"{string.Join(", ", quoted.Skip(keys).Select(c => $"{c} = excluded.{c}"))};";
    }

    /// <summary>A row of text columns (null for SQL NULL).</summary>
    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Row(NpgsqlBinaryImporter copy, params string?[] values)
    {
        copy.StartRow();
        foreach (var value in values)
        {
            if (value is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(value, NpgsqlDbType.Text);
            }
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>A section of key/value rows; <paramref name="keys"/>, when given, is the query's one parameter ($1, a text array).</summary>
    private static void WriteSection(Utf8JsonWriter writer, NpgsqlConnection connection, string section, string sql,
        IReadOnlyList<string>? keys = null)
    {
        writer.WriteStartObject(section);
        using var command = new NpgsqlCommand(sql, connection);
        if (keys is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            writer.WriteString(reader.GetString(0), reader.GetString(1));
        }
        writer.WriteEndObject();
    }

    private static void WriteArtifactSection(Utf8JsonWriter writer, NpgsqlConnection connection, string section, ArtifactKind kind) =>
        WriteSection(writer, connection, section, $"""SELECT "Key", "Json" FROM "Artifacts" WHERE "Kind" = '{kind}' ORDER BY "Key" """);

    /// <summary>The conf keys of one category (all of them, or only those named), grouped per plugin type.</summary>
    private static void WriteConfigSection(Utf8JsonWriter writer, NpgsqlConnection connection, string section, ConfigCategory category,
        IReadOnlyList<FloorMetadata.ConfigKeyName>? only)
    {
        using var command = new NpgsqlCommand(only is null
            ? $"""SELECT "PluginType", "Name", "PropertiesJson" FROM "ConfigKeys" WHERE "Category" = '{category}' ORDER BY "PluginType", "Name" """
            : $"""
               SELECT c."PluginType", c."Name", c."PropertiesJson" FROM "ConfigKeys" c
               JOIN unnest($1::text[], $2::text[]) AS k(plugin_type, name) ON c."PluginType" = k.plugin_type AND c."Name" = k.name
               WHERE c."Category" = '{category}' ORDER BY c."PluginType", c."Name"
               """, connection);
        if (only is not null)
        {
            var keys = only.Where(k => k.Category == category).ToList();
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.PluginType).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Name).ToArray() });
        }
        FloorJson.WriteConfigSection(writer, section, Read(command));
    }

    private static IEnumerable<(string Type, string Name, string Properties)> Read(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }
}
