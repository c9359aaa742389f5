namespace Ekuiper.Application.Common.Models;

/// <summary>Boolean query parameters, read as eKuiper (Go's strconv.ParseBool) reads them.</summary>
public static class QueryFlags
{
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";
}
