using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using static Ekuiper.Api.OpenApi.ApiSchemas;

namespace Ekuiper.Api.OpenApi;

/// <summary>
/// The one place the API's operations are described for the OpenAPI document, keyed by "METHOD /route template" as
/// the document names them (constraints left out). What each says was read from the controllers and docs/api.md; the
/// examples are eKuiper's own (docs/en_US/api/restapi/*.md). A served route missing here is still listed, with only
/// what the framework knows and the error answers, and OpenApiDocumentTests fails until it is described here.
/// </summary>
public sealed partial class ApiOperations(OpenApiDocument document)
{
    /// <summary>How the description of an answer without a body begins (the document test accepts no content only then).</summary>
    public const string EmptyBodyPrefix = "Empty body:";

    private const string PlainText = "text/plain";
    private const string JsonType = "application/json";

    /// <summary>eKuiper's example ruleset (data.md), less the two plugins whose download needs the internet.</summary>
    public const string ExampleRuleset = """
        {"streams":{"demo":"CREATE STREAM demo () WITH (DATASOURCE=\"users\", FORMAT=\"JSON\")"},
        "tables":{"T110":"\n CREATE TABLE T110\n (\n S1 string\n )\n WITH (DATASOURCE=\"test.json\", FORMAT=\"json\", TYPE=\"file\", KIND=\"scan\", );\n "},
        "rules":{"rule1":"{\"id\": \"rule1\",\"sql\": \"SELECT * FROM demo\",\"actions\": [{\"log\": {}}]}",
        "rule2":"{\"id\": \"rule2\",\"sql\": \"SELECT * FROM demo\",\"actions\": [{  \"log\": {}}]}"},
        "nativePlugins":{},"portablePlugins":{},
        "sourceConfig":{"mqtt":"{\"td\":{\"insecureSkipVerify\":false,\"password\":\"public\",\"protocolVersion\":\"3.1.1\",\"qos\":1,\"server\":\"tcp://broker.emqx.io:1883\",\"username\":\"admin\"}}"},
        "sinkConfig":{"edgex":"{\"test\":{\"bufferLength\":1024,\"contentType\":\"application/json\",\"enableCache\":false,\"format\":\"json\",\"messageType\":\"event\",\"omitIfEmpty\":false,\"port\":6379,\"protocol\":\"redis\",\"sendSingle\":true,\"server\":\"localhost\",\"topic\":\"application\",\"type\":\"redis\"}}"},
        "connectionConfig":{},"Service":{},"Schema":{},"uploads":{},
        "scripts":{"area":"{\"id\":\"area\",\"description\":\"calculate area\",\"script\":\"function area(x, y) { return x * y; }\",\"isAgg\":false}"}}
        """;

    /// <summary>eKuiper's example YAML document (data.md).</summary>
    private const string ExampleYaml = """
        sourceConfig:
            sources.mqtt.mqttconf1:
                connectionSelector: mqttcon
                qos: 1
                sourceType: stream
        connectionConfig:
            connections.mqtt.mqttcon:
                insecureSkipVerify: false
                protocolVersion: 3.1.1
                server: tcp://127.0.0.1:1883
        streams:
            mqttstream1:
                sql: ' CREATE STREAM mqttstream1 ()       WITH (DATASOURCE="topic1", FORMAT="json", CONF_KEY="mqttconf1", TYPE="mqtt", SHARED="false", );'
        rules:
            rule1:
                triggered: false
                id: rule1
                sql: select * from mqttstream1
                actions:
                    - log: {}

        """;

    /// <summary>eKuiper's example ruleset of the older API (ruleset.md).</summary>
    private const string ExampleStreamsTablesRules = """
        {"streams":{"demo":"CREATE STREAM demo () WITH (DATASOURCE=\"users\", FORMAT=\"JSON\")"},"tables":{},
        "rules":{"rule1":"{\"id\": \"rule1\",\"sql\": \"SELECT * FROM demo\",\"actions\": [{\"log\": {}}]}",
        "rule2":"{\"id\": \"rule2\",\"sql\": \"SELECT * FROM demo\",\"actions\": [{  \"log\": {}}]}"}}
        """;

    private const string EmptyReport = """
        {"streams":{},"tables":{},"rules":{},"nativePlugins":{},"portablePlugins":{},"sourceConfig":{},"sinkConfig":{},
         "connectionConfig":{},"Service":{},"Schema":{},"uploads":{},"scripts":{}}
        """;

    private const string ExampleRule = """{"id":"rule1","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""";
    private const string ExampleScript = """{"id":"area","description":"calculate area","script":"function area(x, y) { return x * y; }","isAgg":false}""";
    private const string ExampleTags = """{"tags":["t1","t2"]}""";

    public IReadOnlyDictionary<string, OperationSpec> Build()
    {
        var table = new Dictionary<string, OperationSpec>(StringComparer.Ordinal);
        AddDataImportExport(table);
        AddAsyncTasks(table);
        AddBackups(table);
        AddServer(table);
        AddStreams(table, "streams", "Stream", "stream", """{"sql":"create stream my_stream (id bigint, name string, score float) WITH ( datasource = \"topic/temperature\", FORMAT = \"json\", KEY = \"id\")"}""");
        AddStreams(table, "tables", "Table", "table", """{"sql":"create table my_table (id bigint, name string, score float) WITH ( datasource = \"lookup.json\", FORMAT = \"json\", KEY = \"id\")"}""");
        AddRules(table);
        AddConfKeys(table);
        AddConnections(table);
        AddCatalogue(table);
        AddArtifacts(table);
        AddServices(table);
        AddPlugins(table);
        return table;
    }

    private void AddDataImportExport(Dictionary<string, OperationSpec> table)
    {
        table["POST /data/import"] = ImportOperation("Import a ruleset (full reset by default)")
            .Describe("Imports eKuiper's ruleset document, given as text in content or by URI in file (exactly one). Without partial=1 the " +
                      "store becomes exactly the document (backed up first); partial=1 keeps what exists. dryRun=1 answers the plan " +
                      "and changes nothing; stop=1 stops the server after an import in which every entry landed. One transaction.")
            .Param("partial", "1: keep what exists and replace same-named entries; 0 or none: full import. Any other value is refused.", null, "0", "1")
            .Param("stop", "1: stop the server (exit code 100) about a second after an import in which every entry landed.", null, "1")
            .Param("dryRun", "1 or true: answer what the import would do and change nothing.", null, "0", "1", "false", "true")
            .Body("The document: content or file.", ImportBodyMedia(ExampleRuleset, "file:///tmp/a.json"))
            .AnswerWithETag(200, "Every entry landed (eKuiper's empty report); for dryRun=1, the plan.",
                new MediaSpec(JsonType, new OpenApiSchema { OneOf = [Ref(document, ImportResponse), Ref(document, ImportPlan)] },
                    new ExampleSpec("imported", "Every entry landed", Json($$"""{"ErrorMsg":"","ConfigResponse":{{EmptyReport}}}"""))))
            .Error(400, "Some entries failed (they were skipped, the rest landed; the message is the report as JSON), or the request was refused as a whole (body, query, If-Match syntax, a file that cannot be read, a document that does not parse).",
                """{"streams":{"demo":"found \"STWREAM\", expected keyword stream or table."},"tables":{},"rules":{},"nativePlugins":{},"portablePlugins":{},"sourceConfig":{},"sinkConfig":{},"connectionConfig":{},"Service":{},"Schema":{},"uploads":{},"scripts":{}}""");

        table["GET /data/import/status"] = new OperationSpec("The errors of the last import")
            .Describe("Per section, the entries the last import could not land and why; all empty when it fully succeeded. Persisted across restarts.")
            .Answer(200, "The last import's report.", new MediaSpec(JsonType, null, new ExampleSpec("pluginFailed", "A plugin could not be downloaded", Json("""
                {"streams":{},"tables":{},"rules":{},"nativePlugins":{"sources_random":"fail to download file file:///root/ekuiper-jran/_plugins/ubuntu/sources/random_amd64.zip: stat /root/ekuiper-jran/_plugins/ubuntu/sources/random_amd64.zip: no such file or directory"},
                 "portablePlugins":{},"sourceConfig":{},"sinkConfig":{},"connectionConfig":{},"Service":{},"Schema":{},"uploads":{},"scripts":{}}
                """))));

        table["GET /data/export"] = new OperationSpec("Download the whole store")
            .Describe("The whole store as an import file (ekuiper_export.json): the twelve sections in eKuiper's order, keys sorted, every value a string. " +
                      "The ETag is the store's revision, read in the same snapshot: send it as If-Match with an import.")
            .Download("The export file.", "ekuiper_export.json", etag: true,
                new MediaSpec("application/octet-stream", Binary("The JSON ruleset document (see the Configuration schema)"),
                    new ExampleSpec("export", "A store holding one stream", JsonValue.Create("""{"streams":{"demo":"CREATE STREAM demo () WITH (DATASOURCE=\"users\", FORMAT=\"JSON\")"},"tables":{},"rules":{},"nativePlugins":{},"portablePlugins":{},"sourceConfig":{},"sinkConfig":{},"connectionConfig":{},"Service":{},"Schema":{},"uploads":{},"scripts":{}}"""))));

        table["POST /data/export"] = new OperationSpec("Download chosen rules with what they need")
            .Describe("The given rules and everything they need (streams, tables, config keys, connections, plugins, services, scripts, schemas), " +
                      "in the export format; importing it into an empty server reports no errors.")
            .Body("The rule ids.", new MediaSpec(JsonType, TextList(), new ExampleSpec("rules", "Two rules", Json("""["rule1","rule2"]"""))))
            .Download("The export file.", "ekuiper_export.json", etag: false,
                new MediaSpec("application/octet-stream", Binary("The JSON ruleset document (see the Configuration schema)")))
            .Error(400, "The body is not a non-empty JSON array of rule ids.", "Invalid body: Error decoding json: EOF")
            .Error(404, "A rule id is unknown.", "rule ghost is not found");

        table["GET /v2/data/export"] = new OperationSpec("Download the whole store as YAML")
            .Describe("The whole store as eKuiper's YAML document (ekuiper_export.yaml), sent as eKuiper sends it: application/octet-stream, as an attachment. " +
                      "The ETag is the store's revision.")
            .Download("The YAML export file.", "ekuiper_export.yaml", etag: true,
                new MediaSpec("application/octet-stream", Binary("eKuiper's YAML document"), new ExampleSpec("yaml", "eKuiper's example", JsonValue.Create(ExampleYaml))));

        table["POST /v2/data/import"] = ImportOperation("Import a YAML document")
            .Describe("Imports eKuiper's YAML document (content or file). As eKuiper's YAML import it writes over the entries the document names " +
                      "and removes none (partial by default); partial=0 asks for a full import. dryRun=1 and If-Match as on /data/import.")
            .Param("partial", "0: full import (backed up first); 1 or none: partial, as eKuiper's YAML import.", null, "0", "1")
            .Param("dryRun", "1 or true: answer what the import would do and change nothing.", null, "0", "1", "false", "true")
            .Body("The YAML document: content or file.", ImportBodyMedia(ExampleYaml, "file:///tmp/a.yaml"))
            .AnswerWithETag(200, "Every entry landed (plain text success); for dryRun=1, the plan as JSON.",
                new MediaSpec(PlainText, Text(null), new ExampleSpec("success", "Every entry landed", JsonValue.Create("success"))),
                new MediaSpec(JsonType, Ref(document, ImportPlan)))
            .Error(400, "Entries failed (the others landed), or the document is not YAML of eKuiper's shape, or the body was refused.",
                "import failed: yaml: line 1: did not find expected node content");

        table["POST /ruleset/import"] = ImportOperation("Import streams, tables and rules (older API)")
            .Describe("A partial import of the streams, tables and rules of a ruleset document (content or file); same-named entries are " +
                      "replaced, everything else is kept. Answers how many entries landed; the reasons of those that failed are in GET /data/import/status.")
            .Body("The ruleset: content or file.", ImportBodyMedia(ExampleStreamsTablesRules, "file:///tmp/a.json"))
            .AnswerWithETag(200, "How many entries landed.",
                new MediaSpec(PlainText, Text(null), new ExampleSpec("imported", "eKuiper's example ruleset", JsonValue.Create("imported 1 streams, 0 tables and 2 rules"))))
            .Error(400, "The body was refused, or the content is not a ruleset.", "Import ruleset error: invalid import file: invalid character 'x' looking for beginning of value");

        table["POST /ruleset/export"] = new OperationSpec("Download the streams, tables and rules")
            .Describe("{\"streams\":{…},\"tables\":{…},\"rules\":{…}} (ekuiper_export.json), each entry as GET /data/export holds it.")
            .Download("The ruleset file.", "ekuiper_export.json", etag: true,
                new MediaSpec("application/octet-stream", Binary("The ruleset document"), new ExampleSpec("ruleset", "eKuiper's example ruleset", JsonValue.Create(ExampleStreamsTablesRules.ReplaceLineEndings("")))));
    }

    private void AddAsyncTasks(Dictionary<string, OperationSpec> table)
    {
        table["POST /async/data/import"] = ImportOperation("Start an import in the background")
            .Describe("Checks the body, registers the same import as /data/import as a background task and answers its id at once. Same " +
                      "query (partial, stop, dryRun) and If-Match; a stale If-Match is refused at once.")
            .Param("partial", "1: keep what exists; 0 or none: full import.", null, "0", "1")
            .Param("stop", "1: stop the server after the task finished with every entry landed.", null, "1")
            .Param("dryRun", "1 or true: the task finishes with the plan as its message.", null, "0", "1", "false", "true")
            .Body("The document: content or file.", ImportBodyMedia(ExampleRuleset, "file:///tmp/a.json"))
            .Answer(200, "The task's id.", new MediaSpec(JsonType, null, new ExampleSpec("task", "A registered task", Json("""{"id":"dataImport-1764032400-3f9a1c0e"}"""))))
            .Error(400, "The body or the query was refused.", "Invalid body: must specify content or file");

        table["GET /async/task/{id}"] = new OperationSpec("A background task's status")
            .Describe("status is register, running (message shows progress), finish (message: the import's answer), error or cancel. Timestamps are unix seconds.")
            .Param("id", "The task id POST /async/data/import answered.", JsonValue.Create("dataImport-1764032400-3f9a1c0e"))
            .Answer(200, "The task.", new MediaSpec(JsonType, null, new ExampleSpec("running", "An import under way", Json("""
                {"id":"dataImport-1764032400-3f9a1c0e","status":"running","message":"importing: 4100/10100 entries","createdTimestamp":1764032400,"updatedTimestamp":1764032400}
                """))))
            .Error(400, "No task has that id (eKuiper has no not-found code here).", "async task: dataImport-1 not found");

        table["POST /async/task/{id}/cancel"] = new OperationSpec("Cancel a background task")
            .Describe("A registered task never runs; a running import is rolled back. Answers once the task's record says cancel.")
            .Param("id", "The task id.", JsonValue.Create("dataImport-1764032400-3f9a1c0e"))
            .Answer(200, "The task is cancelled.", PlainTextExample("cancel success"))
            .Error(400, "No task has that id, or it has already finished.", "async task dataImport-1764032400-3f9a1c0e has already finished with status finish");

        table["GET /async/tasks"] = new OperationSpec("The recent background tasks")
            .Describe("The 100 most recent tasks, newest first.")
            .Answer(200, "The tasks.", new MediaSpec(JsonType, null));
    }

    private void AddBackups(Dictionary<string, OperationSpec> table)
    {
        table["GET /data/backups"] = new OperationSpec("The kept backups")
            .Describe("The backups taken before every full import and restore, newest first.")
            .Answer(200, "The backups.", new MediaSpec(JsonType, null, new ExampleSpec("one", "One backup", Json("""
                [{"id":"backup-1795574106706-1ed9","time":"2026-11-25T02:35:06.706+00:00","reason":"before full import at revision 1","size":345,
                  "counts":{"streams":1,"tables":0,"rules":1,"nativePlugins":0,"portablePlugins":0,"sourceConfig":0,"sinkConfig":0,"connectionConfig":0,"Service":0,"Schema":0,"uploads":0,"scripts":0}}]
                """))));

        table["GET /data/backups/{id}"] = new OperationSpec("Download a backup")
            .Describe("The backup as ekuiper_export.json: the very bytes GET /data/export gave for that state.")
            .Param("id", "The backup's id.", JsonValue.Create("backup-1795574106706-1ed9"))
            .Download("The backup file.", "ekuiper_export.json", etag: false,
                new MediaSpec("application/octet-stream", Binary("The JSON ruleset document (see the Configuration schema)")))
            .Error(404, "No backup has that id.", "backup backup-1 is not found");

        table["POST /data/backups/{id}/restore"] = new OperationSpec("Restore a backup")
            .Describe("A full import of the backup's content, backed up first itself, If-Match honoured; answered as an import.")
            .Param("id", "The backup's id.", JsonValue.Create("backup-1795574106706-1ed9"))
            .IfMatch()
            .AnswerWithETag(200, "Restored (eKuiper's empty report).", new MediaSpec(JsonType, Ref(document, ImportResponse),
                new ExampleSpec("restored", "Every entry landed", Json($$"""{"ErrorMsg":"","ConfigResponse":{{EmptyReport}}}"""))))
            .Error(400, "Some entries failed (the message is the report), or If-Match is not an entity tag.", "invalid If-Match header 3: give the ETag of GET /data/export as it was sent, quotes included, e.g. If-Match: \"42\"")
            .Error(404, "No backup has that id.", "backup backup-1 is not found");
    }

    private void AddServer(Dictionary<string, OperationSpec> table)
    {
        table["GET /ping"] = new OperationSpec("Health check").Empty(200, "the server is up.");
        var health = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = Text("Healthy or Unhealthy."),
                ["checks"] = Map(new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema> { ["status"] = Text(null), ["description"] = Text("Why it failed.") },
                }),
            },
        };
        table["GET /healthz"] = new OperationSpec("Liveness probe")
            .Describe("Ours, not eKuiper's: 200 while the process serves requests; it checks nothing else. Open with authentication on.")
            .Answer(200, "The process is alive.", new MediaSpec(JsonType, health, new ExampleSpec("alive", "Alive", Json("""{"status":"Healthy","checks":{}}"""))));
        table["GET /readyz"] = new OperationSpec("Readiness probe")
            .Describe("Ours: the store (both stores reachable, every migration applied) and the job storage answer. Open with authentication on.")
            .Answer(200, "Ready.", new MediaSpec(JsonType, health, new ExampleSpec("ready", "Ready",
                Json("""{"status":"Healthy","checks":{"store":{"status":"Healthy"},"jobs":{"status":"Healthy"}}}"""))))
            .Answer(503, "A check failed; it is named.", new MediaSpec(JsonType, health, new ExampleSpec("unready", "The store is gone",
                Json("""{"status":"Unhealthy","checks":{"store":{"status":"Unhealthy","description":"the definitions store cannot be reached"},"jobs":{"status":"Healthy"}}}"""))));
        table["GET /metrics"] = new OperationSpec("Prometheus metrics")
            .Describe("Ours: the meter Ekuiper (imports by outcome and duration, entries written, tasks, backups) and ASP.NET Core's HTTP server metrics.")
            .Answer(200, "Prometheus' text format.", new MediaSpec("text/plain", Text("Prometheus exposition format."),
                new ExampleSpec("metrics", "One series", JsonValue.Create("ekuiper_imports_total{otel_scope_name=\"Ekuiper\",dry_run=\"false\",kind=\"sync\",outcome=\"ok\"} 1\n"))));
        var info = Json("""{"version":"1.0.0","os":"linux","arch":"amd64","upTimeSeconds":42,"cpuUsage":"0.35%","memoryUsed":"91234304","memoryTotal":"8254029824"}""");
        foreach (var method in new[] { "GET", "POST" })
        {
            table[$"{method} /"] = new OperationSpec("Version, platform and uptime")
                .Describe("eKuiper answers GET and POST alike. cpuUsage is this process's CPU time over its lifetime, memoryUsed its resident bytes.")
                .Answer(200, "The server's information.", new MediaSpec(JsonType, null, new ExampleSpec("info", "A server up for 42 s", info?.DeepClone())));
        }
    }

    private void AddStreams(Dictionary<string, OperationSpec> table, string path, string noun, string lower, string statementExample)
    {
        var name = lower == "stream" ? "my_stream" : "my_table";
        var statement = new MediaSpec(JsonType, Ref(document, Statement), new ExampleSpec("create", $"eKuiper's example {lower}", Json(statementExample)));
        var kindParam = (OperationSpec op) => op.Param("kind", "scan or lookup: only the tables of that KIND (any other value: all).", null, "scan", "lookup");

        table[$"POST /{path}"] = new OperationSpec($"Create a {lower}")
            .Describe($"Runs the CREATE statement; as in eKuiper, the statement decides whether a stream or a table is created.")
            .Body("The statement.", statement)
            .Answer(201, "Created.", PlainTextExample($"{noun} {name} is created."))
            .Error(400, "The statement does not parse, the name is taken, or an option is invalid (code 3000).", $"{noun} command error: Create {lower} fails: Item {name} already exists.", 3000);

        var list = new OperationSpec($"List the {lower}s")
            .Answer(200, "The names, sorted.", new MediaSpec(JsonType, null, new ExampleSpec("names", "One", Json($"""["my{lower}"]"""))));
        table[$"GET /{path}"] = lower == "table" ? kindParam(list) : list;

        var details = new OperationSpec($"List the {lower}s with type and format")
            .Answer(200, "Name, type and format of each, lower-cased.", new MediaSpec(JsonType, null,
                new ExampleSpec("details", "One", Json($$"""[{"name":"test1","type":"{{(lower == "stream" ? "mqtt" : "file")}}","format":"json"}]"""))));
        table[$"GET /{lower}details"] = lower == "table" ? kindParam(details) : details;

        var nameParam = (OperationSpec op) => op.Param("name", $"The {lower}'s name.", JsonValue.Create(name));

        table[$"GET /{path}/{{name}}"] = nameParam(new OperationSpec($"Describe a {lower}"))
            .Answer(200, "eKuiper's statement JSON.", new MediaSpec(JsonType, null, new ExampleSpec("described", $"A {lower} with two fields", Json($$"""
                {"Name":"demo","StreamFields":[{"FieldType":"float","Name":"temperature"},{"FieldType":"bigint","Name":"ts"}],"Options":{"datasource":"demo","format":"JSON"},"StreamType":{{(lower == "stream" ? 0 : 1)}},"Statement":null}
                """))))
            .Error(400, $"No {lower} has that name (code 3000), or the name is not an eKuiper id.", $"describe {lower} error: Describe {lower} fails, {lower} {name} is not found.", 3000);

        table[$"PUT /{path}/{{name}}"] = nameParam(new OperationSpec($"Replace a {lower}"))
            .Describe("Replaces the definition; creates it when absent. The statement must name the same source, and its VERSION must not be lower.")
            .Body("The statement.", statement)
            .Answer(200, "Replaced.", PlainTextExample($"{noun} {name} is replaced."))
            .Error(400, "The statement does not parse, names another source, or is of a lower version (code 3000).", $"{noun} command error: Replace {name} fails: the sql statement must update the {name} source.", 3000)
            .Error(404, $"The statement creates the other kind (a table under /streams).", $"{noun} command error: {lower} {name} is not found");

        table[$"DELETE /{path}/{{name}}"] = nameParam(new OperationSpec($"Drop a {lower}"))
            .Param("force", "true: drop it even while rules read it.", null, "true", "false")
            .Answer(200, "Dropped.", PlainTextExample($"{noun} {name} is dropped."))
            .Error(400, "Rules read it (and force is not true), or the name is not an eKuiper id.", $"stream {name} has been referenced by other rules")
            .Error(404, $"No {lower} has that name.", $"delete {lower} error: {lower} {name} is not found");

        table[$"GET /{path}/{{name}}/schema"] = nameParam(new OperationSpec($"A {lower}'s schema"))
            .Describe("The declared fields as eKuiper's JSON schema (names sorted); null for a schemaless one, except a shared one, which answers the fields its running rules read.")
            .Answer(200, "The schema, or null.", new MediaSpec(JsonType,
                new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Object } },
                new ExampleSpec("fields", "Two fields", Json("""{"id":{"type":"bigint","index":0},"name":{"type":"string","index":0}}"""))))
            .Error(400, $"No {lower} has that name (code 3000).", $"get schema of {lower} error: Describe {lower} fails, {name} is not found.", 3000);
    }

    private void AddRules(Dictionary<string, OperationSpec> table)
    {
        var rule = new MediaSpec(JsonType, Ref(document, Rule), new ExampleSpec("rule", "eKuiper's example rule", Json(ExampleRule)));
        var tags = new MediaSpec(JsonType, Ref(document, Tags), new ExampleSpec("tags", "Two tags", Json(ExampleTags)));
        var id = (OperationSpec op) => op.Param("id", "The rule's id.", JsonValue.Create("rule1"));
        const string unknown = "Describe rule error: Rule rule1 is not found.";

        table["POST /rules"] = new OperationSpec("Create a rule")
            .Describe("Checked as an import checks a rule (SQL, streams, functions, sinks); stored exactly as sent.")
            .Body("The rule JSON.", rule)
            .Answer(201, "Created.", PlainTextExample("Rule rule1 was created successfully."))
            .Error(400, "The id is taken, or the rule is invalid.", "invalid rule json: Missing rule id.");

        table["GET /rules"] = new OperationSpec("List the rules")
            .Answer(200, "Each rule's id, name, status and tags, sorted by id.", new MediaSpec(JsonType, null, new ExampleSpec("one", "One rule",
                Json("""[{"id":"rule1","name":"rule1","status":"running","tags":null,"trace":false,"version":""}]"""))));

        table["POST /rules/validate"] = new OperationSpec("Validate a rule")
            .Describe("Checks a rule as a create would, and stores nothing.")
            .Body("The rule JSON.", rule)
            .Answer(200, "The rule is valid.", new MediaSpec(JsonType, null, new ExampleSpec("valid", "A valid rule", Json("""{"sources":["demo"],"valid":true}"""))))
            .Answer(422, "The rule is invalid: the reason, as plain text (not eKuiper's error shape).", PlainTextExample("demo is not found"));

        table["GET /rules/{id}"] = id(new OperationSpec("Describe a rule"))
            .Answer(200, "The rule JSON exactly as stored.", new MediaSpec(JsonType, Ref(document, Rule), new ExampleSpec("rule", "A stopped rule",
                Json("""{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT * FROM demo","triggered":false}"""))))
            .Error(400, "The id is not an eKuiper id.", "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed")
            .Error(404, "No rule has that id.", unknown);

        table["PUT /rules/{id}"] = id(new OperationSpec("Replace a rule"))
            .Describe("Replaces the rule; creates it when absent. Its id must be the path's, its version not lower than the stored one's.")
            .Body("The rule JSON.", rule)
            .Answer(200, "Replaced.", PlainTextExample("Rule rule1 was updated successfully."))
            .Error(400, "The rule is invalid, has another id or a lower version.", "Update rule error: RuleId is not consistent with rule id.");

        table["DELETE /rules/{id}"] = id(new OperationSpec("Drop a rule"))
            .Answer(200, "Dropped.", PlainTextExample("Rule rule1 is dropped."))
            .Error(400, "No rule has that id (eKuiper's plain error), or the id is not an eKuiper id.", "Delete rule error: rule rule1 not found");

        foreach (var (verb, answer) in new[] { ("start", "Rule rule1 was started"), ("stop", "Rule rule1 was stopped."), ("restart", "Rule rule1 was restarted") })
        {
            table[$"POST /rules/{{id}}/{verb}"] = id(new OperationSpec($"{char.ToUpperInvariant(verb[0])}{verb[1..]} a rule"))
                .Describe("Sets the rule's triggered flag (this server runs no rules) and re-marshals the stored JSON as eKuiper does.")
                .Answer(200, "Done.", PlainTextExample(answer))
                .Error(404, "No rule has that id.", $"{verb} rule error: Rule rule1 is not found in registry, please check if it is created");
        }

        table["GET /rules/{id}/status"] = id(new OperationSpec("A rule's status"))
            .Describe("Written as eKuiper writes it: its field order, indented by two spaces, one field a line.")
            .Answer(200, "The status.", new MediaSpec(JsonType, Ref(document, RuleStatus), new ExampleSpec("running", "A started rule",
                Json("""{"status":"running","message":"","lastStartTimestamp":0,"lastStopTimestamp":0,"nextStartTimestamp":0}"""))))
            .Error(404, "No rule has that id.", unknown);

        table["GET /rules/status/all"] = new OperationSpec("Every rule's status")
            .Answer(200, "By rule id.", new MediaSpec(JsonType, null, new ExampleSpec("one", "One rule",
                Json("""{"rule1":{"status":"running","last_exception":"","exceptions_total":0}}"""))));

        table["GET /v2/rules/{id}/status"] = id(new OperationSpec("A rule's status (v2)"))
            .Answer(200, "The status.", new MediaSpec(JsonType, null, new ExampleSpec("running", "A started rule",
                Json("""{"lastStartTimestamp":0,"lastStopTimestamp":0,"message":"","nextStartTimestamp":0,"status":"running"}"""))))
            .Error(404, "No rule has that id.", unknown);

        foreach (var (method, summary, description) in new[]
                 {
                     ("PUT", "Reset a rule's tags", "The rule's tags become the body's."),
                     ("PATCH", "Add tags to a rule", "The body's tags the rule lacks are appended."),
                     ("DELETE", "Remove tags from a rule", "The body's tags are removed."),
                 })
        {
            table[$"{method} /rules/{{id}}/tags"] = id(new OperationSpec(summary))
                .Describe(description + " Kept in the rule JSON.")
                .Body("The tags.", tags)
                .Empty(200, "the tags are changed.")
                .Error(400, "The body is not {\"tags\":[strings]}.", "decode body error: EOF")
                .Error(404, "No rule has that id.", "Get rule error: Rule rule1 is not found.");
        }

        table["GET /rules/tags/match"] = new OperationSpec("Find the rules holding tags")
            .Describe("eKuiper reads a body on this GET: the rules holding every tag of it, by id; {} when none.")
            .Body("The tags.", tags)
            .Answer(200, "The matching rules.", new MediaSpec(JsonType, null, new ExampleSpec("match", "One rule", Json("""{"rules":["rule1"]}"""))))
            .Error(400, "The body is not {\"tags\":[strings]}.", "decode body error: EOF");

        foreach (var (verb, word) in new[] { ("bulkstart", "Start"), ("bulkstop", "Stop") })
        {
            table[$"POST /rules/{verb}"] = new OperationSpec($"{word} the rules holding tags")
                .Describe("Not atomic: one result per matching rule, by id.")
                .Body("The tags.", new MediaSpec(JsonType, Ref(document, Tags), new ExampleSpec("tags", "eKuiper's example", Json("""{"tags":["t1"]}"""))))
                .Answer(200, "Per rule, whether it worked.", new MediaSpec(JsonType, null, new ExampleSpec("one", "One rule", Json("""[{"ruleId":"rule1","success":true}]"""))))
                .Error(400, "No rule matches, or the body is not {\"tags\":[strings]}.", $"bulk {word.ToLowerInvariant()} failed: no matching rules");
        }

        table["GET /rules/{id}/topo"] = id(new OperationSpec("A rule's topology"))
            .Describe("This server runs no rules: answered as eKuiper answers for a rule that is not started.")
            .Error(400, "The rule is not started (code 1001).", "get rule topo error: Fail to get rule rule1's topo, make sure the rule has been started before", 1001)
            .Error(404, "No rule has that id.", "get rule topo error: Rule rule1 is not found");

        table["GET /rules/{id}/explain"] = id(new OperationSpec("A rule's query plan"))
            .Describe("This server has no query planner, so it cannot explain a rule.")
            .Error(400, "Always: no planner (or a graph rule).", "explain rules error: this server has no query planner, so it cannot explain a rule")
            .Error(404, "No rule has that id.", "explain rules error: Rule rule1 is not found.");

        table["PUT /rules/{id}/reset_state"] = id(new OperationSpec("Reset a rule's state"))
            .Describe("eKuiper needs a running rule for this; this server runs none.")
            .Body("The state change.", new MediaSpec(JsonType, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["params"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                },
            }, new ExampleSpec("reset", "Type 1", Json("""{"type":1,"params":{}}"""))))
            .Error(400, "The rule is not running, the type is unknown, or the body does not decode.", "rule rule1 should be running when modify state");

        table["GET /rules/usage/cpu"] = new OperationSpec("The rules' CPU usage")
            .Describe("eKuiper's answer while its resource profiling is off: no rule runs here to be measured.")
            .Answer(200, "Profiling is off.", PlainTextExample("cpu usage not enabled"));
    }

    private void AddConfKeys(Dictionary<string, OperationSpec> table)
    {
        const string keys = "/metadata/{category}/{type}/confKeys/{key}";
        var properties = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The key's properties, stored as sent." };
        OperationSpec Params(OperationSpec op) => op
            .Param("category", "sources, sinks or connections.", JsonValue.Create("sources"), "sources", "sinks", "connections")
            .Param("type", "The plugin type, e.g. mqtt.", JsonValue.Create("mqtt"));
        OperationSpec KeyParams(OperationSpec op) => Params(op).Param("key", "The conf key's name.", JsonValue.Create("demo_conf"));

        table["GET /metadata/{category}/yaml/{type}"] = Params(new OperationSpec("Every conf key of a type"))
            .Describe("The keys a fresh eKuiper has built in and the stored ones (a stored key replaces the properties it names); values as stored, names sorted.")
            .Answer(200, "Key name → properties.", new MediaSpec(JsonType, Map(properties), new ExampleSpec("mqtt", "A built-in and a stored key", Json("""
                {"default":{"insecureSkipVerify":false,"protocolVersion":"3.1.1","qos":1,"server":"tcp://127.0.0.1:1883"},"demo_conf":{"qos":0,"server":"tcp://10.211.55.6:1883"}}
                """))))
            .Error(404, "A type eKuiper does not ship, with nothing stored.", "no conf keys found for sinks.influx");

        table[$"GET {keys}"] = KeyParams(new OperationSpec("One conf key"))
            .Answer(200, "Its properties.", new MediaSpec(JsonType, properties, new ExampleSpec("key", "A stored key", Json("""{"qos":0,"server":"tcp://10.211.55.6:1883"}"""))))
            .Error(404, "The key is neither built in nor stored.", "conf key demo_conf not found in sources.mqtt");

        table[$"PUT {keys}"] = KeyParams(new OperationSpec("Register a conf key"))
            .Describe("Replaces only that key.")
            .Body("The properties object.", new MediaSpec(JsonType, properties, new ExampleSpec("key", "eKuiper's example", Json("""{"qos":0,"server":"tcp://10.211.55.6:1883"}"""))))
            .Empty(200, "the key is stored.")
            .Error(400, "The body is not a JSON object, or the key is not an eKuiper id.", "the properties of conf key demo_conf must be an object, found array");

        table[$"DELETE {keys}"] = KeyParams(new OperationSpec("Delete a conf key"))
            .Describe("A built-in key of that name shows again.")
            .Empty(200, "the key is deleted.")
            .Error(400, "The key is not an eKuiper id.", "Invalid confKey: id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed")
            .Error(404, "No such key is stored.", "conf key demo_conf not found in sources.mqtt");
    }

    private static void AddConnections(Dictionary<string, OperationSpec> table)
    {
        var connection = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "eKuiper's connection: its id, type and properties (isNamed is always true: only named connections are stored).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = Text(null),
                ["typ"] = Text("The connection type, e.g. mqtt."),
                ["props"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The properties, as stored, names sorted." },
                ["isNamed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            },
        };
        var request = new MediaSpec(JsonType, null, new ExampleSpec("mqtt", "eKuiper's example", Json("""
            {"id":"connection-1","typ":"mqtt","props":{"server":"tcp://127.0.0.1:1883"}}
            """)));
        const string answer = """{"id":"connection-1","typ":"mqtt","props":{"server":"tcp://127.0.0.1:1883"},"isNamed":true}""";
        var idParam = (OperationSpec op) => op.Param("id", "The connection's id.", JsonValue.Create("connection-1"));

        table["POST /connections"] = new OperationSpec("Create a connection")
            .Describe("Stores the named connection as the conf key connections.{typ}.{id}: the connectionConfig entry {typ: {id: props}}, so exports and imports carry it.")
            .Body("The connection.", request)
            .Answer(201, "Created.", PlainTextExample("success"))
            .Error(400, "The body is not a connection, the id is not an eKuiper id, the type is missing, or the id is taken (whatever its type).",
                "create connection failed: connection connection-1 already been created");

        table["GET /connections"] = new OperationSpec("List the connections")
            .Describe("Every stored connection, sorted by id. forceAll is accepted; there are no anonymous connections here.")
            .Param("forceAll", "eKuiper: also the anonymous connections of running rules (none here).", null, "true", "false")
            .Answer(200, "The connections.", new MediaSpec(JsonType, new OpenApiSchema { Type = JsonSchemaType.Array, Items = connection },
                new ExampleSpec("one", "One connection", Json($"[{answer}]"))));

        table["GET /connections/{id}"] = idParam(new OperationSpec("Describe a connection"))
            .Answer(200, "The connection.", new MediaSpec(JsonType, connection, new ExampleSpec("one", "A stored connection", Json(answer))))
            .Error(400, "No connection has that id, or the id is not an eKuiper id.", "connection connection-1 not existed");

        table["PUT /connections/{id}"] = idParam(new OperationSpec("Replace a connection"))
            .Describe("Replaces its type and properties (a body id is ignored). Refused while stored rules or streams use it.")
            .Body("The connection.", request)
            .Answer(200, "Replaced.", PlainTextExample("success"))
            .Error(400, "Unknown id, a body that is not a connection, a missing type, or rules or streams use it.",
                "update connection failed: connection connection-1 can't be dropped due to rule references [rule1]");

        table["DELETE /connections/{id}"] = idParam(new OperationSpec("Drop a connection"))
            .Describe("Refused while stored rules or streams use it; an unknown id is answered success, as eKuiper answers it.")
            .Answer(200, "Dropped (or there was none).", PlainTextExample("success"))
            .Error(400, "Rules or streams use it, or the id is not an eKuiper id.",
                "drop connection failed: connection connection-1 can't be dropped due to rule references [rule1]");
    }

    private void AddArtifacts(Dictionary<string, OperationSpec> table)
    {
        var names = (string example) => new MediaSpec(JsonType, null, new ExampleSpec("names", "One", Json(example)));

        table["GET /schemas/{type}"] = new OperationSpec("List the schemas of a type")
            .Param("type", "protobuf or custom.", JsonValue.Create("protobuf"))
            .Answer(200, "The schema names.", names("""["book"]"""))
            .Error(404, "Another type.", "schema type xml not found");
        var schemaBody = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["name"] = Text("The schema's name; in a PUT, the path's when left out."),
                ["content"] = Text("The schema's text (protobuf)."),
                ["file"] = Text("A file://, http:// or https:// URI of a .proto, or of a .zip holding name.proto and a name/ folder."),
                ["soFile"] = Text("A URI of the shared library (custom schemas, or protobuf with a static plugin)."),
                ["version"] = Text("Optional; a version sorting before the stored one is refused."),
            },
        };
        const string bookSchema = """{"name":"book","content":"message Book {required string title = 1;}"}""";
        var schemaPath = (OperationSpec op) => op
            .Param("type", "protobuf or custom.", JsonValue.Create("protobuf"))
            .Param("name", "The schema's name.", JsonValue.Create("book"));
        table["POST /schemas/{type}"] = new OperationSpec("Create a schema")
            .Describe("Installed as an import of the same Schema entry would install it (fetched, checked, staged, stored in one transaction).")
            .Param("type", "protobuf or custom.", JsonValue.Create("protobuf"))
            .Body("The schema.", new MediaSpec(JsonType, schemaBody, new ExampleSpec("content", "By content", Json(bookSchema))))
            .Answer(201, "Created.", PlainTextExample("protobuf schema book is created"))
            .Error(400, "The body is invalid, the name is taken, or the schema cannot be fetched or parsed.",
                "schema create command error: schema protobuf.book already registered");
        table["GET /schemas/{type}/{name}"] = schemaPath(new OperationSpec("Describe a schema"))
            .Answer(200, "The installed schema: its text and the installed file's path on the node that answers.", new MediaSpec(JsonType, null,
                new ExampleSpec("book", "A protobuf schema", Json("""{"type":"protobuf","name":"book","content":"message Book {required string title = 1;}","file":"/ekuiper/data/schemas/protobuf/book.proto"}"""))))
            .Error(400, "No schema has that type and name (eKuiper's plain error).", "schema type protobuf id ghost not found in registry");
        table["PUT /schemas/{type}/{name}"] = schemaPath(new OperationSpec("Replace a schema"))
            .Describe("Creates it when absent.")
            .Body("The schema.", new MediaSpec(JsonType, schemaBody, new ExampleSpec("content", "By content", Json(bookSchema))))
            .Answer(200, "Replaced.", PlainTextExample("protobuf schema book is updated"))
            .Error(400, "The body is invalid, names another schema, carries an older version, or cannot be installed.",
                "Invalid body: Type or name does not match");
        table["DELETE /schemas/{type}/{name}"] = schemaPath(new OperationSpec("Delete a schema"))
            .Answer(200, "Deleted.", PlainTextExample("protobuf schema book is deleted"))
            .Error(400, "No schema has that type and name.", "delete protobuf schema ghost error: schema protobuf.ghost not found");
        table["PUT /schemas/{type}/{name}/upload"] = schemaPath(new OperationSpec("Upload a schema file"))
            .Describe("A multipart form with the .proto, or a .zip holding name.proto and its supporting folder name/, in the field file, " +
                      "and an optional version field; the schema file's text is stored as the schema's content.")
            .Body("The form.", new MediaSpec("multipart/form-data", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = Binary("The .proto file, or a .zip"), ["version"] = Text("Optional version.") },
            }))
            .Answer(201, "Created; Location names the schema.", new MediaSpec(JsonType, null, new ExampleSpec("created", "Created", Json("""{"type":"protobuf","name":"book"}"""))))
            .Answer(200, "Replaced; Location names the schema.", new MediaSpec(JsonType, null, new ExampleSpec("replaced", "Replaced", Json("""{"type":"protobuf","name":"book"}"""))))
            .Error(400, "The form has no file, the type is unknown, the version is older than the stored one, or the file is not a schema.",
                "Invalid multipart body: file field is required")
            .Error(415, "The body is not multipart/form-data.", "Invalid content type: content type must be multipart/form-data");
        table["GET /services"] = new OperationSpec("List the services")
            .Answer(200, "The service names.", names("""["geo"]"""));

        var serviceBody = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["name"] = Text("The service's name (POST); a PUT takes the path's."),
                ["file"] = Text("A file://, http:// or https:// URI of the service's zip."),
            },
        };
        const string geoService = """{"name":"geo","file":"http://127.0.0.1/geo.zip"}""";
        table["POST /services"] = new OperationSpec("Create a service")
            .Describe("Installed as an import of the same Service entry would install it (fetched, checked, staged, stored in one transaction).")
            .Body("The service.", new MediaSpec(JsonType, serviceBody, new ExampleSpec("geo", "By HTTP link", Json(geoService))))
            .Answer(201, "Created.", PlainTextExample("service geo is created"))
            .Error(400, "The name is taken or invalid, or the zip cannot be fetched or is not a service.", "service create command error: service geo exist");
        table["PUT /services/{name}"] = new OperationSpec("Replace a service")
            .Describe("Creates it when absent.")
            .Param("name", "The service's name.", JsonValue.Create("geo"))
            .Body("The service.", new MediaSpec(JsonType, serviceBody, new ExampleSpec("geo", "By HTTP link", Json(geoService))))
            .Answer(200, "Replaced.", PlainTextExample("service geo is updated"))
            .Error(400, "The zip cannot be fetched or is not a service.", "service update command error: fail to install service: cannot find the json descriptor file geo.json for service");
        table["DELETE /services/{name}"] = new OperationSpec("Delete a service")
            .Param("name", "The service's name.", JsonValue.Create("geo"))
            .Answer(200, "Deleted.", PlainTextExample("service geo is deleted"))
            .Error(400, "The name is not an eKuiper id.", "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed")
            .Error(404, "No service has that name.", "delete service ghost error: ghost is not found");

        table["GET /config/uploads"] = new OperationSpec("List the uploaded files")
            .Answer(200, "Their absolute paths.", names("""["/ekuiper/data/uploads/zk.gif","/ekuiper/data/uploads/abc.gif"]"""));
        table["POST /config/uploads"] = new OperationSpec("Upload a file")
            .Describe("As JSON, by content or by URI (recorded for the export), or as a multipart form with the file in the field uploadFile " +
                      "(kept in the store, not exported, as in eKuiper). An existing file of the name is overwritten.")
            .Body("The file.",
                new MediaSpec(JsonType, Ref(document, UploadBody),
                    new ExampleSpec("content", "By content", Json("""{"name":"my.json","content":"{\"hello\":\"world\"}"}""")),
                    new ExampleSpec("file", "By HTTP link", Json("""{"name":"my.json","file":"http://127.0.0.1:80/my.json"}"""))),
                new MediaSpec("multipart/form-data", new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "uploadFile" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["uploadFile"] = Binary("The file; its name is the upload's") },
                }))
            .Answer(201, "The file's absolute path.", PlainTextExample("/ekuiper/data/uploads/my.json"))
            .Error(400, "The name is not a plain file name, neither content nor file is given, the file cannot be read, or the form has no uploadFile.",
                "invalid body: content or FilePath is required");
        table["DELETE /config/uploads/{name}"] = new OperationSpec("Delete an uploaded file")
            .Param("name", "The file name.", JsonValue.Create("my.json"))
            .Answer(200, "Deleted.", PlainTextExample("ok"))
            .Error(400, "The name is not a plain file name.", "Error deleting the file: invalid upload name ../x")
            .Error(404, "No upload has that name.", "Error deleting the file: upload my.json is not found");

        var script = new MediaSpec(JsonType, Ref(document, Script), new ExampleSpec("area", "eKuiper's example", Json(ExampleScript)));
        var id = (OperationSpec op) => op.Param("id", "The function's id.", JsonValue.Create("area"));
        table["GET /udf/javascript"] = new OperationSpec("List the JavaScript functions")
            .Answer(200, "Their ids.", names("""["area"]"""));
        table["POST /udf/javascript"] = new OperationSpec("Create a JavaScript function")
            .Body("The function.", script)
            .Answer(201, "Created.", PlainTextExample("javascript function area is created"))
            .Error(400, "The id is taken, missing, or the script does not compile or lacks its function.", "javascript function create command error: javascript function area already exists");
        table["GET /udf/javascript/{id}"] = id(new OperationSpec("Describe a JavaScript function"))
            .Answer(200, "The function.", new MediaSpec(JsonType, null, new ExampleSpec("area", "eKuiper's example", Json(ExampleScript))))
            .Error(400, "No function has that id (eKuiper's plain error).", "describe javascript function x error: not found");
        table["PUT /udf/javascript/{id}"] = id(new OperationSpec("Replace a JavaScript function"))
            .Describe("Creates it when absent.")
            .Body("The function.", script)
            .Answer(200, "Replaced.", PlainTextExample("javascript function area is updated"))
            .Error(400, "The function is invalid or has another id.", "javascript function update command error: Missing script id.");
        table["DELETE /udf/javascript/{id}"] = id(new OperationSpec("Delete a JavaScript function"))
            .Answer(200, "Deleted.", PlainTextExample("javascript function area is deleted"))
            .Error(400, "The id is not an eKuiper id.", "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed")
            .Error(404, "No function has that id.", "delete javascript function x error: x is not found");
    }

    /// <summary>The parts every import shares: If-Match, the 412 and 400 of a stale or malformed one.</summary>
    private static OperationSpec ImportOperation(string summary) => new OperationSpec(summary).IfMatch();

    /// <summary>The import body: the content example first (what Scalar sends), then the file one.</summary>
    private MediaSpec ImportBodyMedia(string content, string file) => new(JsonType, Ref(document, ImportBody),
        new ExampleSpec("content", "By text content (on /data/import without partial=1: the store becomes this document)", new JsonObject { ["content"] = content.ReplaceLineEndings(content.Contains("sourceConfig:") ? "\n" : "") }),
        new ExampleSpec("file", "By file URI", new JsonObject { ["file"] = file }));

    private static MediaSpec PlainTextExample(string text) =>
        new(PlainText, Text(null), new ExampleSpec("answer", "eKuiper's answer", JsonValue.Create(text)));
}
