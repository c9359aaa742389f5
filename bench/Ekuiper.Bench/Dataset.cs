using System.Text.Encodings.Web;
using System.Text.Json;
using Ekuiper.Bench.Floor;
using Ekuiper.Bench.Generation;
using Ekuiper.Bench.Targets;
using Ekuiper.Domain.Ruleset;
using Microsoft.Data.Sqlite;

namespace Ekuiper.Bench;

/// <summary>
/// Everything one size needs, on disk so that the processes that measure hold only what the operation itself needs:
/// the document and the POST /data/import body carrying it, the same for the 10% partial import, the floor's
/// metadata, an empty store (the server's own schema) and a store holding the whole ruleset; on PostgreSQL, the same
/// two stores as template databases (<see cref="AddPostgreSqlAsync"/>).
/// </summary>
public sealed class Dataset
{
    private static readonly JsonWriterOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Dataset(int ruleCount, string directory, FloorMetadata metadata)
    {
        RuleCount = ruleCount;
        Directory = directory;
        Metadata = metadata;
    }

    public int RuleCount { get; }
    public string Directory { get; }

    /// <summary>What the floor needs besides the document, and what the chosen-rules export must give.</summary>
    public FloorMetadata Metadata { get; }

    public string DocumentPath => Path.Combine(Directory, "document.json");
    public string ImportBodyPath => Path.Combine(Directory, "import-body.json");
    public string PartialDocumentPath => Path.Combine(Directory, "partial.json");
    public string PartialBodyPath => Path.Combine(Directory, "partial-body.json");
    public string MetadataPath => Path.Combine(Directory, "metadata.json");
    public string EmptyStore => Path.Combine(Directory, "empty.db");
    public string FullStore => Path.Combine(Directory, "full.db");

    /// <summary>The task store a server leaves beside either store (its schema, no tasks): a data directory as it was left.</summary>
    public string TasksStore => Path.Combine(Directory, "tasks.db");

    /// <summary>The template databases of the PostgreSQL runs; null until <see cref="AddPostgreSqlAsync"/>.</summary>
    public PostgreSqlTemplates? PostgreSql { get; private set; }

    /// <summary>The body of POST /data/export: the chosen rule ids.</summary>
    public string ChosenRulesBody => JsonSerializer.Serialize(Metadata.ChosenRuleIds);

    public long DocumentBytes => new FileInfo(DocumentPath).Length;

    public static async Task<Dataset> CreateAsync(int ruleCount, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var ruleset = new SyntheticRuleset(ruleCount);
        var dataset = new Dataset(ruleCount, directory, FloorMetadata.Of(ruleset));
        WriteDocumentAndBody(ruleset.Document(), dataset.DocumentPath, dataset.ImportBodyPath);
        WriteDocumentAndBody(ruleset.ChangedTenth().Document, dataset.PartialDocumentPath, dataset.PartialBodyPath);
        await File.WriteAllTextAsync(dataset.MetadataPath, JsonSerializer.Serialize(dataset.Metadata));
        await dataset.CreateStoresAsync();
        return dataset;
    }

    /// <summary>
    /// Makes the PostgreSQL templates of this data set, and checks that the PostgreSQL floor reads back what it wrote
    /// as the document the server exports (the SQLite floor is checked the same way when the stores are made).
    /// </summary>
    public async Task AddPostgreSqlAsync(PostgreSqlStores stores)
    {
        PostgreSql = await stores.CreateTemplatesAsync(this);
        using var connection = PostgreSqlFloor.Open(PostgreSql.FullConnectionString);
        using var exported = new MemoryStream();
        PostgreSqlFloor.ExportAll(connection, exported);
        await CheckFloorExportAsync("PostgreSQL", exported);
    }

    /// <summary>A floor's whole export is the document byte for byte: it read every row it wrote, in the server's order.</summary>
    private async Task CheckFloorExportAsync(string floor, MemoryStream exported)
    {
        var document = await File.ReadAllBytesAsync(DocumentPath);
        if (!exported.ToArray().AsSpan().SequenceEqual(document))
        {
            throw new InvalidOperationException($"the {floor} floor's export of {RuleCount} rules is not the document it imported (a bench bug)");
        }
    }

    /// <summary>The document as the export writes it, and the body of POST /data/import that carries it as content.</summary>
    private static void WriteDocumentAndBody(Ruleset document, string documentPath, string bodyPath)
    {
        var bytes = RulesetDocument.Write(document);
        File.WriteAllBytes(documentPath, bytes);
        using var body = File.Create(bodyPath);
        using var writer = new Utf8JsonWriter(body, RelaxedJson);
        writer.WriteStartObject();
        writer.WriteString("content", bytes);
        writer.WriteEndObject();
    }

    private async Task CreateStoresAsync()
    {
        using (var scratch = new ScratchDirectory(Path.Combine(Directory, "schema")))
        {
            await using (await InProcessStore.CreateAsync(scratch.Path))
            {
            }
            Checkpoint(scratch.Store);
            File.Copy(scratch.Store, EmptyStore);
            Checkpoint(scratch.TasksStore);
            File.Copy(scratch.TasksStore, TasksStore);
        }
        File.Copy(EmptyStore, FullStore);
        new SqliteFloor(Metadata).Import(FullStore, await File.ReadAllBytesAsync(DocumentPath), replace: false);
        Checkpoint(FullStore);
        using var exported = new MemoryStream();
        new SqliteFloor(Metadata).ExportAll(FullStore, exported);
        Checkpoint(FullStore);
        await CheckFloorExportAsync("SQLite", exported);
    }

    /// <summary>Moves everything from the write-ahead log into the file, so that the file alone is the store.</summary>
    private static void Checkpoint(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>A data directory for one run, deleted with everything in it when the run is over.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    /// <summary>Where the server keeps its store in this data directory.</summary>
    public string Store => System.IO.Path.Combine(Path, "ekuiper.db");

    /// <summary>Where the server keeps its task records in this data directory.</summary>
    public string TasksStore => System.IO.Path.Combine(Path, "tasks.db");

    /// <summary>
    /// A fresh data directory under <paramref name="parent"/> holding a copy of <paramref name="store"/> and of
    /// <paramref name="tasksStore"/>, if given.
    /// </summary>
    public static ScratchDirectory Create(string parent, string purpose, string? store = null, string? tasksStore = null)
    {
        var scratch = new ScratchDirectory(System.IO.Path.Combine(parent, $"{purpose}-{Guid.NewGuid():N}"));
        if (store is not null)
        {
            File.Copy(store, scratch.Store);
        }
        if (tasksStore is not null)
        {
            File.Copy(tasksStore, scratch.TasksStore);
        }
        return scratch;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
