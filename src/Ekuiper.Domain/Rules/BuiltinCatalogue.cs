namespace Ekuiper.Domain.Rules;

/// <summary>
/// What a full eKuiper build provides without plugins: the SQL functions (internal/binder/function) and the sink
/// types. Function names are compared lower-cased, as eKuiper does.
/// </summary>
public static class BuiltinCatalogue
{
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        // aggregate, accumulate and incremental aggregate
        "avg", "count", "max", "min", "sum", "collect", "merge_agg", "deduplicate", "stddev", "stddevs", "var", "vars",
        "median", "percentile_cont", "percentile_disc", "last_value",
        "acc_avg", "acc_count", "acc_max", "acc_min", "acc_sum",
        "inc_avg", "inc_collect", "inc_count", "inc_last_value", "inc_max", "inc_merge_agg", "inc_min", "inc_sum",
        // analytic
        "lag", "latest", "changed_col", "changed_cols", "had_changed", "last_hit_count", "last_hit_time",
        "last_agg_hit_count", "last_agg_hit_time",
        // array
        "array_cardinality", "array_concat", "array_contains", "array_contains_any", "array_create", "array_distinct",
        "array_except", "array_flatten", "array_intersect", "array_join", "array_last_position", "array_map", "array_max",
        "array_min", "array_position", "array_remove", "array_shuffle", "array_sort", "array_union", "element_at",
        "cardinality", "sequence", "repeat",
        // math
        "abs", "acos", "asin", "atan", "atan2", "bitand", "bitnot", "bitor", "bitxor", "ceil", "ceiling", "conv", "cos",
        "cosh", "cot", "degrees", "exp", "floor", "ln", "log", "mod", "pi", "pow", "power", "radians", "rand", "round",
        "sign", "sin", "sinh", "sqrt", "tan", "tanh", "trunc", "dec2hex", "hex2dec",
        // string
        "concat", "endswith", "format", "indexof", "length", "lower", "lpad", "ltrim", "numbytes", "regexp_matches",
        "regexp_replace", "regexp_substr", "reverse", "rpad", "rtrim", "substring", "startswith", "split_value", "trim",
        "upper", "chr",
        // hashing and encoding
        "md5", "sha1", "sha256", "sha384", "sha512", "crc32", "encode", "decode", "compress", "decompress",
        // date and time
        "now", "cur_date", "cur_time", "current_date", "current_time", "current_timestamp", "local_time",
        "local_timestamp", "date_calc", "date_diff", "day", "day_name", "day_of_month", "day_of_week", "day_of_year",
        "from_days", "from_unix_time", "hour", "last_day", "microsecond", "minute", "month", "month_name", "second",
        "format_time", "convert_tz", "to_seconds", "tstamp", "extract", "event_time",
        // json and objects
        "json_path_exists", "json_path_query", "json_path_query_first", "parse_json", "to_json", "keys", "values",
        "object", "object_concat", "object_construct", "object_pick", "object_size", "items", "zip",
        "erase", "obj_to_kvpair_array", "kvpair_array_to_obj",
        // transform and multi-row
        "cast", "unnest", "bypass", "coalesce",
        // other
        "isnull", "newuuid", "meta", "mqtt", "props", "rule_id", "rule_start", "row_number", "window_start",
        "window_end", "window_trigger", "delay", "get_keyed_state",
    };

    public static readonly IReadOnlySet<string> SinkTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "log", "logToMemory", "mqtt", "rest", "nop", "memory", "neuron", "file", "websocket", "sse",
        "edgex", "redis", "redisPub", "influx", "influx2", "kafka", "sql", "image", "zmq",
    };


    /// <summary>The operator node types of a graph rule.</summary>
    public static readonly IReadOnlySet<string> GraphOperators = new HashSet<string>(StringComparer.Ordinal)
    {
        "function", "aggfunc", "filter", "pick", "window", "join", "groupby", "orderby", "switch", "script", "watermark",
    };
}
