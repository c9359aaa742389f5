using System.Globalization;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Bench.Generation;

/// <summary>
/// A synthetic but realistic ruleset of <c>N</c> rules: N streams and tables with varied schemas, TYPE and CONF_KEY;
/// N rules with filters, windows, joins, CASE and built-in and script functions, sinks by inline properties and by
/// resourceId; N/10 source and N/10 sink config keys; N/100 scripts. Every entry passes the import's checks. The
/// same <c>N</c> always gives the same document.
/// </summary>
public sealed class SyntheticRuleset
{
    private static readonly string[] SourceTypes = ["mqtt", "httppull", "kafka", "redis"];
    private static readonly string[] SinkTypes = ["mqtt", "rest", "influx2", "kafka"];

    private static readonly string[] StreamSchemas =
    [
        "(deviceId STRING, temperature FLOAT, humidity FLOAT, status STRING, ts BIGINT)",
        "(deviceId STRING, battery FLOAT, online BOOLEAN, lastSeen DATETIME, temperature FLOAT, status STRING)",
        "()",
        "(deviceId STRING, sensor STRUCT(id STRING, model STRING, firmware STRING), readings ARRAY(FLOAT), temperature FLOAT, humidity FLOAT, status STRING, ts BIGINT)",
        "(deviceId STRING, orderId STRING, amount FLOAT, items ARRAY(STRUCT(sku STRING, qty BIGINT, price FLOAT)), region STRING, status STRING, temperature FLOAT, humidity FLOAT)",
        "(deviceId STRING, line STRING, speed FLOAT, vibration FLOAT, temperature FLOAT, humidity FLOAT, alarm BOOLEAN, status STRING, ts BIGINT)",
        "(deviceId STRING, payload BYTEA, temperature FLOAT, humidity FLOAT, status STRING)",
    ];

    private readonly List<StreamDefinition> _streams = [];
    private readonly List<StreamDefinition> _tables = [];
    private readonly List<RuleDefinition> _rules = [];
    private readonly List<ConfigKey> _configKeys = [];
    private readonly List<ArtifactDefinition> _scripts = [];
    private readonly Dictionary<string, List<ConfigKey>> _sourceKeysByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ConfigKey>> _sinkKeysByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _closureOfRule = new(StringComparer.Ordinal);

    public SyntheticRuleset(int ruleCount)
    {
        RuleCount = ruleCount;
        AddConfigKeys(Math.Max(SourceTypes.Length, ruleCount / 10), ConfigCategory.Source, SourceTypes, _sourceKeysByType);
        AddConfigKeys(Math.Max(SinkTypes.Length, ruleCount / 10), ConfigCategory.Sink, SinkTypes, _sinkKeysByType);
        AddScripts(Math.Max(1, ruleCount / 100));
        AddStreams(ruleCount);
        AddRules(ruleCount);
        ChosenRuleIds = Enumerable.Range(0, Math.Min(100, ruleCount))
            .Select(k => _rules[(int)((long)k * ruleCount / Math.Min(100, ruleCount))].Id)
            .ToList();
    }

    public int RuleCount { get; }

    public IReadOnlyList<StreamDefinition> Streams => _streams.Concat(_tables).ToList();
    public IReadOnlyList<RuleDefinition> Rules => _rules;
    public IReadOnlyList<ConfigKey> ConfigKeys => _configKeys;
    public IReadOnlyList<ArtifactDefinition> Scripts => _scripts;

    /// <summary>Rows in the store after the import: streams, rules, config keys and scripts.</summary>
    public int RowCount => _streams.Count + _tables.Count + _rules.Count + _configKeys.Count + _scripts.Count;

    /// <summary>The 100 rules (or all, when fewer) that POST /data/export asks for, spread over the ruleset.</summary>
    public IReadOnlyList<string> ChosenRuleIds { get; }

    /// <summary>The full document, exactly as GET /data/export writes it.</summary>
    public Ruleset Document() => RulesetComposer.Compose(Streams, _rules, _configKeys, _scripts);

    /// <summary>
    /// Every 10th stream, table, rule, config key and script changed (a field added, a threshold moved, a property
    /// set, a script body edited): the document of a partial import.
    /// </summary>
    public (Ruleset Document, IReadOnlyList<StreamDefinition> Streams, IReadOnlyList<RuleDefinition> Rules,
        IReadOnlyList<ConfigKey> ConfigKeys, IReadOnlyList<ArtifactDefinition> Scripts) ChangedTenth()
    {
        var streams = Streams.Where((_, i) => i % 10 == 3)
            .Select(s => Copy(s, s.Statement.Replace("(deviceId STRING,", "(deviceId STRING, note STRING,", StringComparison.Ordinal)))
            .ToList();
        var rules = _rules.Where((_, i) => i % 10 == 3)
            .Select(r => new RuleDefinition { Id = r.Id, Json = r.Json.Replace("\"qos\":1", "\"qos\":2", StringComparison.Ordinal), Triggered = r.Triggered })
            .ToList();
        var configKeys = _configKeys.Where((_, i) => i % 10 == 3)
            .Select(k => new ConfigKey
            {
                Category = k.Category, PluginType = k.PluginType, Name = k.Name,
                PropertiesJson = k.PropertiesJson.Replace("\"timeout\":5000", "\"timeout\":8000", StringComparison.Ordinal),
            })
            .ToList();
        // Scripts from the first: a ruleset has few (N/100), and even the warm-up's partial import must edit one, so that
        // the server has compiled a script before the timed call, as it has before a partial import of any size.
        var scripts = _scripts.Where((_, i) => i % 10 == 0)
            .Select(a => new ArtifactDefinition { Kind = a.Kind, Key = a.Key, Json = a.Json.Replace("/ 100", "/ 1000", StringComparison.Ordinal) })
            .ToList();
        return (RulesetComposer.Compose(streams, rules, configKeys, scripts), streams, rules, configKeys, scripts);
    }

    /// <summary>What POST /data/export of <see cref="ChosenRuleIds"/> must give: the rules and everything they use.</summary>
    public (IReadOnlyList<StreamDefinition> Streams, IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<ConfigKey> ConfigKeys,
        IReadOnlyList<ArtifactDefinition> Scripts) ChosenClosure()
    {
        var needed = ChosenRuleIds.SelectMany(id => _closureOfRule[id]).ToHashSet(StringComparer.Ordinal);
        var chosen = ChosenRuleIds.ToHashSet(StringComparer.Ordinal);
        return (
            Streams.Where(s => needed.Contains(StreamKey(s.Name))).ToList(),
            _rules.Where(r => chosen.Contains(r.Id)).ToList(),
            _configKeys.Where(k => needed.Contains(ConfigKeyKey(k))).ToList(),
            _scripts.Where(a => needed.Contains(ScriptKey(a.Key))).ToList());
    }

    private void AddConfigKeys(int count, ConfigCategory category, string[] types, Dictionary<string, List<ConfigKey>> byType)
    {
        var prefix = category == ConfigCategory.Source ? "src" : "sink";
        for (var i = 0; i < count; i++)
        {
            var type = types[i % types.Length];
            var key = new ConfigKey
            {
                Category = category,
                PluginType = type,
                Name = $"{prefix}_{i:D6}",
                PropertiesJson = category == ConfigCategory.Source ? SourceProperties(type, i) : SinkProperties(type, i),
            };
            _configKeys.Add(key);
            if (!byType.TryGetValue(type, out var list))
            {
                byType[type] = list = [];
            }
            list.Add(key);
        }
    }

    private static string SourceProperties(string type, int i) => type switch
    {
        "mqtt" => $$"""{"server":"tcp://broker-{{i % 17}}.plant.example.com:1883","username":"edge{{i}}","password":"s3cret-{{i}}","protocolVersion":"3.1.1","qos":1,"clientid":"ekuiper-src-{{i}}","insecureSkipVerify":false,"timeout":5000}""",
        "httppull" => $$"""{"url":"https://api-{{i % 5}}.example.com/v1/devices/{{i}}","method":"get","interval":10000,"timeout":5000,"incremental":false,"headers":{"Accept":"application/json","Authorization":"Bearer token-{{i}}"},"responseType":"code"}""",
        "kafka" => $$"""{"brokers":"kafka-{{i % 3}}.example.com:9092,kafka-{{(i + 1) % 3}}.example.com:9092","groupID":"ekuiper-{{i}}","partition":{{i % 8}},"maxAttempts":3,"timeout":5000}""",
        _ => $$"""{"addr":"redis-{{i % 4}}.example.com:6379","datatype":"string","db":{{i % 16}},"password":"r3dis-{{i}}","timeout":5000}""",
    };

    private static string SinkProperties(string type, int i) => type switch
    {
        "mqtt" => $$"""{"server":"tcp://broker-{{i % 17}}.plant.example.com:1883","topic":"alerts/{{i}}","qos":1,"retained":false,"clientId":"ekuiper-sink-{{i}}","timeout":5000}""",
        "rest" => $$$"""{"url":"https://ingest-{{{i % 7}}}.example.com/api/v2/events","method":"post","sendSingle":true,"timeout":5000,"headers":{"Content-Type":"application/json","X-Tenant":"tenant-{{{i % 50}}}"}}""",
        "influx2" => $$"""{"addr":"http://influx-{{i % 3}}.example.com:8086","token":"tok-{{i}}","org":"acme","bucket":"plant-{{i % 20}}","measurement":"telemetry","precision":"ms","timeout":5000}""",
        _ => $$"""{"brokers":"kafka-{{i % 3}}.example.com:9092","topic":"events-{{i % 40}}","maxAttempts":3,"timeout":5000}""",
    };

    private void AddScripts(int count)
    {
        for (var k = 0; k < count; k++)
        {
            var id = $"score_{k:D4}";
            var json = $$"""{"id":"{{id}}","description":"weighted score {{k}} of two readings","script":"function {{id}}(a, b) { if (a === undefined || b === undefined) { return 0; } return (a * 0.{{k % 9 + 1}} + b) / 100; }","isAgg":false}""";
            _scripts.Add(new ArtifactDefinition { Kind = ArtifactKind.Script, Key = id, Json = json });
        }
    }

    private void AddStreams(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var isTable = i % 10 == 9;
            var name = isTable ? $"lookup_{i:D6}" : $"device_{i:D6}";
            var type = isTable ? "redis" : SourceTypes[i % 3];
            var keys = _sourceKeysByType[type];
            var confKey = keys[i % keys.Count].Name;
            string statement;
            if (isTable)
            {
                statement = $"CREATE TABLE {name} (deviceId STRING, location STRING, owner STRING, threshold FLOAT) " +
                            $"WITH (DATASOURCE=\"devices:{i}\", TYPE=\"{type}\", CONF_KEY=\"{confKey}\", KIND=\"lookup\", KEY=\"deviceId\")";
            }
            else
            {
                var schema = StreamSchemas[i % StreamSchemas.Length];
                var timestamp = schema.Contains(" ts BIGINT", StringComparison.Ordinal) ? ", TIMESTAMP=\"ts\"" : string.Empty;
                var shared = i % 4 == 0 ? ", SHARED=\"true\"" : string.Empty;
                statement = $"CREATE STREAM {name} {schema} WITH (DATASOURCE=\"plant/{i % 97}/line/{i}/telemetry\", " +
                            $"FORMAT=\"JSON\", TYPE=\"{type}\", CONF_KEY=\"{confKey}\"{shared}{timestamp})";
            }
            var definition = new StreamDefinition
            {
                Name = name,
                Kind = isTable ? StreamKind.Table : StreamKind.Stream,
                Statement = statement,
                SourceType = type,
                ConfKey = confKey,
            };
            (isTable ? _tables : _streams).Add(definition);
        }
    }

    private void AddRules(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var stream = _streams[i % _streams.Count];
            var other = _streams[(i * 7 + 1) % _streams.Count];
            var table = _tables[i % _tables.Count];
            var script = _scripts[i % _scripts.Count];
            var s = stream.Name;
            var threshold = (20 + i % 40).ToString(CultureInfo.InvariantCulture);
            var (sql, sources, functions) = (i % 8) switch
            {
                0 => ($"SELECT deviceId, temperature * 1.8 + 32 AS tempF, humidity FROM {s} WHERE temperature > {threshold} AND humidity < 80",
                    new[] { stream }, Array.Empty<string>()),
                1 => ($"SELECT deviceId, avg(temperature) AS avgTemp, max(temperature) AS maxTemp, count(*) AS n, window_end() AS windowEnd " +
                      $"FROM {s} GROUP BY deviceId, TUMBLINGWINDOW(ss, {5 + i % 55})", [stream], []),
                2 => ($"SELECT status, count(*) AS cnt, min(temperature) AS low FROM {s} GROUP BY status, HOPPINGWINDOW(mi, 5, 1) " +
                      $"FILTER (WHERE temperature > {threshold}) HAVING count(*) > 3", [stream], []),
                3 => ($"SELECT {s}.deviceId, {s}.temperature, {table.Name}.location, {table.Name}.owner FROM {s} " +
                      $"INNER JOIN {table.Name} ON {s}.deviceId = {table.Name}.deviceId WHERE {s}.temperature > {table.Name}.threshold",
                    [stream, table], []),
                4 => ($"SELECT deviceId, CASE WHEN temperature > 60 THEN 'critical' WHEN temperature > {threshold} THEN 'high' ELSE 'normal' END AS level, " +
                      $"round(humidity, 1) AS humidity, meta(topic) AS topic FROM {s} WHERE status <> 'maintenance'", [stream], []),
                5 => ($"SELECT deviceId, {script.Key}(temperature, humidity) AS score, upper(status) AS status, format_time(now(), 'yyyy-MM-dd HH:mm:ss') AS at " +
                      $"FROM {s} WHERE {script.Key}(temperature, humidity) > 0.5", [stream], [script.Key]),
                6 => ($"SELECT deviceId, stddev(temperature) AS sd, percentile_cont(temperature, 0.9) AS p90, collect(status) AS statuses " +
                      $"FROM {s} GROUP BY deviceId, SLIDINGWINDOW(ss, {10 + i % 50}) HAVING avg(temperature) > {threshold}", [stream], []),
                _ => ($"SELECT {s}.deviceId, {s}.temperature - {other.Name}.temperature AS delta, concat({s}.deviceId, '-', {other.Name}.deviceId) AS pair " +
                      $"FROM {s} LEFT JOIN {other.Name} ON {s}.deviceId = {other.Name}.deviceId GROUP BY TUMBLINGWINDOW(ss, 10)",
                    [stream, other], []),
            };

            var closure = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                closure.Add(StreamKey(source.Name));
                closure.Add(ConfigKeyKey(ConfigCategory.Source, source.SourceType, source.ConfKey));
            }
            foreach (var function in functions)
            {
                closure.Add(ScriptKey(function));
            }
            var actions = Actions(i, closure);
            var options = i % 3 == 0
                ? """{"qos":1,"checkpointInterval":300000,"isEventTime":false,"sendError":true}"""
                : """{"qos":1,"bufferLength":1024,"restartStrategy":{"attempts":3,"delay":1000,"multiplier":2}}""";
            var triggered = i % 20 != 0;
            var id = $"rule_{i:D6}";
            var json = $$"""{"id":"{{id}}","name":"rule {{i}} on {{s}}","triggered":{{(triggered ? "true" : "false")}},"sql":"{{sql}}","actions":{{actions}},"options":{{options}}}""";
            _rules.Add(new RuleDefinition { Id = id, Json = json, Triggered = triggered });
            _closureOfRule[id] = closure;
        }
    }

    private string Actions(int i, HashSet<string> closure)
    {
        string ByResource(string type, string extra)
        {
            var keys = _sinkKeysByType[type];
            var key = keys[i % keys.Count];
            closure.Add(ConfigKeyKey(key));
            return $$$"""{"{{{type}}}":{"resourceId":"{{{key.Name}}}"{{{extra}}}}}""";
        }

        return (i % 5) switch
        {
            0 => $$$"""[{"mqtt":{"server":"tcp://broker.plant.example.com:1883","topic":"alerts/rule/{{{i}}}","qos":1,"sendSingle":true}}]""",
            1 => $"[{ByResource("mqtt", $",\"topic\":\"out/{i}\"")}]",
            2 => $$$"""[{{{ByResource("rest", "")}}},{"log":{}}]""",
            3 => $"[{ByResource("influx2", ",\"fields\":[\"temperature\",\"humidity\"]")}]",
            _ => $$$"""[{{{ByResource("kafka", "")}}},{"memory":{"topic":"fanout/{{{i}}}"}}]""",
        };
    }

    private static StreamDefinition Copy(StreamDefinition s, string statement) => new()
    {
        Name = s.Name, Kind = s.Kind, Statement = statement, SourceType = s.SourceType, ConfKey = s.ConfKey,
        Version = s.Version, SchemaId = s.SchemaId,
    };

    private static string StreamKey(string name) => "stream:" + name;

    private static string ConfigKeyKey(ConfigKey key) => ConfigKeyKey(key.Category, key.PluginType, key.Name);

    private static string ConfigKeyKey(ConfigCategory category, string type, string name) => $"config:{category}:{type}:{name}";

    private static string ScriptKey(string key) => "script:" + key;
}
