using System.Text.Json;
using Ekuiper.Domain.Definitions;
using Microsoft.Data.Sqlite;

namespace Ekuiper.Bench.Floor;

/// <summary>
/// What SQLite itself can do with the same data on this machine: the least any import or export must spend. It
/// reads the document with System.Text.Json's reader and writes the same rows into the same schema with raw prepared
/// statements in one transaction; for export it reads the rows back and writes the same JSON. It checks nothing:
/// the columns of a stream the import derives from its statement (kind, TYPE, CONF_KEY) are looked up in what the
/// generator knows (the generator sets no VERSION or SCHEMAID).
/// </summary>
public sealed class SqliteFloor(FloorMetadata metadata)
{
    private readonly Dictionary<string, FloorMetadata.StreamColumns> _streams =
        metadata.Streams.ToDictionary(s => s.Name, StringComparer.Ordinal);

    private readonly Dictionary<string, FloorMetadata.RuleColumns> _rules = metadata.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>Parses <paramref name="document"/> and inserts (or, for a partial import, replaces) its rows.</summary>
    public void Import(string databasePath, byte[] document, bool replace)
    {
        using var connection = Open(databasePath);
        using var transaction = connection.BeginTransaction();
        var verb = replace ? "INSERT OR REPLACE" : "INSERT";
        using var streams = Prepare(connection, transaction,
            $"{verb} INTO Streams (Name, Kind, Statement, Version, SourceType, ConfKey, SchemaId) VALUES ($1, $2, $3, $4, $5, $6, $7)", 7);
        using var rules = Prepare(connection, transaction, $"{verb} INTO Rules (Id, Json, Version, Triggered, Name, TagsJson) VALUES ($1, $2, $3, $4, $5, $6)", 6);
        using var configKeys = Prepare(connection, transaction,
            $"{verb} INTO ConfigKeys (Category, PluginType, Name, PropertiesJson) VALUES ($1, $2, $3, $4)", 4);
        using var artifacts = Prepare(connection, transaction,
            $"{verb} INTO Artifacts (Kind, Key, Json, Sha256, InstalledPath) VALUES ($1, $2, $3, $4, $5)", 5);

        var reader = new Utf8JsonReader(document);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var section = reader.GetString()!;
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                var value = reader.GetString()!;
                switch (section)
                {
                    case "streams" or "tables":
                        var stream = _streams[key];
                        Run(streams, key, stream.Kind.ToString(), value, null, stream.SourceType, stream.ConfKey, null);
                        break;
                    case "rules":
                        var rule = _rules[key];
                        Run(rules, key, value, null, rule.Triggered ? 1L : 0L, rule.Name, rule.TagsJson);
                        break;
                    case "sourceConfig" or "sinkConfig":
                        var category = section == "sourceConfig" ? nameof(ConfigCategory.Source) : nameof(ConfigCategory.Sink);
                        using (var keys = JsonDocument.Parse(value))
                        {
                            foreach (var confKey in keys.RootElement.EnumerateObject())
                            {
                                Run(configKeys, category, key, confKey.Name, confKey.Value.GetRawText());
                            }
                        }
                        break;
                    case "scripts":
                        Run(artifacts, nameof(ArtifactKind.Script), key, value, null, null);
                        break;
                }
            }
        }
        transaction.Commit();
    }

    /// <summary>Deletes every row the floor writes.</summary>
    public static void Clear(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM Streams; DELETE FROM Rules; DELETE FROM ConfigKeys; DELETE FROM Artifacts;";
        command.ExecuteNonQuery();
    }

    /// <summary>Reads every row back and writes the export document to <paramref name="output"/>.</summary>
    public void ExportAll(string databasePath, Stream output)
    {
        using var connection = Open(databasePath);
        using var writer = new Utf8JsonWriter(output, FloorJson.WriterOptions);
        writer.WriteStartObject();
        WriteSection(writer, connection, "streams", "SELECT Name, Statement FROM Streams WHERE Kind = 'Stream' ORDER BY Name");
        WriteSection(writer, connection, "tables", "SELECT Name, Statement FROM Streams WHERE Kind = 'Table' ORDER BY Name");
        WriteSection(writer, connection, "rules", "SELECT Id, Json FROM Rules ORDER BY Id");
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
    public void ExportChosen(string databasePath, Stream output)
    {
        var chosen = metadata.Chosen;
        using var connection = Open(databasePath);
        using var writer = new Utf8JsonWriter(output, FloorJson.WriterOptions);
        writer.WriteStartObject();
        WriteByKey(writer, connection, "streams", "SELECT Statement FROM Streams WHERE Name = $1", chosen.Streams);
        WriteByKey(writer, connection, "tables", "SELECT Statement FROM Streams WHERE Name = $1", chosen.Tables);
        WriteByKey(writer, connection, "rules", "SELECT Json FROM Rules WHERE Id = $1", chosen.Rules);
        FloorJson.WriteEmptySection(writer, "nativePlugins");
        FloorJson.WriteEmptySection(writer, "portablePlugins");
        WriteConfigSection(writer, connection, "sourceConfig", ConfigCategory.Source, chosen.ConfigKeys);
        WriteConfigSection(writer, connection, "sinkConfig", ConfigCategory.Sink, chosen.ConfigKeys);
        foreach (var empty in new[] { "connectionConfig", "Service", "Schema", "uploads" })
        {
            FloorJson.WriteEmptySection(writer, empty);
        }
        WriteByKey(writer, connection, "scripts", "SELECT Json FROM Artifacts WHERE Kind = 'Script' AND Key = $1", chosen.Scripts);
        writer.WriteEndObject();
    }

    /// <summary>The same connection settings as the server (WAL is set when the schema is created, and stays).</summary>
    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i, null));
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static void WriteSection(Utf8JsonWriter writer, SqliteConnection connection, string section, string sql)
    {
        writer.WriteStartObject(section);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            writer.WriteString(reader.GetString(0), reader.GetString(1));
        }
        writer.WriteEndObject();
    }

    private static void WriteArtifactSection(Utf8JsonWriter writer, SqliteConnection connection, string section, ArtifactKind kind) =>
        WriteSection(writer, connection, section, $"SELECT Key, Json FROM Artifacts WHERE Kind = '{kind}' ORDER BY Key");

    private static void WriteByKey(Utf8JsonWriter writer, SqliteConnection connection, string section, string sql, IEnumerable<string> keys)
    {
        writer.WriteStartObject(section);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var key = command.Parameters.Add(new SqliteParameter("$1", null));
        command.Prepare();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            key.Value = name;
            writer.WriteString(name, (string)command.ExecuteScalar()!);
        }
        writer.WriteEndObject();
    }

    /// <summary>The conf keys of one category (all of them, or only those named), grouped per plugin type.</summary>
    private static void WriteConfigSection(Utf8JsonWriter writer, SqliteConnection connection, string section, ConfigCategory category,
        IReadOnlyList<FloorMetadata.ConfigKeyName>? only)
    {
        using var command = connection.CreateCommand();
        command.CommandText = only is null
            ? $"SELECT PluginType, Name, PropertiesJson FROM ConfigKeys WHERE Category = '{category}' ORDER BY PluginType, Name"
            : "SELECT PluginType, Name, PropertiesJson FROM ConfigKeys WHERE Category = $1 AND PluginType = $2 AND Name = $3";
        FloorJson.WriteConfigSection(writer, section, only is null ? ReadAll(command) : ReadByKey(command, category, only));
    }

    private static IEnumerable<(string Type, string Name, string Properties)> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }

    private static IEnumerable<(string Type, string Name, string Properties)> ReadByKey(SqliteCommand command, ConfigCategory category,
        IReadOnlyList<FloorMetadata.ConfigKeyName> keys)
    {
        var parameters = new[] { new SqliteParameter("$1", category.ToString()), new SqliteParameter("$2", null), new SqliteParameter("$3", null) };
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var key in keys.Where(k => k.Category == category)
                     .OrderBy(k => k.PluginType, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            parameters[1].Value = key.PluginType;
            parameters[2].Value = key.Name;
            yield return (key.PluginType, key.Name, (string)command.ExecuteScalar()!);
        }
    }
}
