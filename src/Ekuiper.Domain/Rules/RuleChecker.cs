namespace Ekuiper.Domain.Rules;

/// <summary>Checks that everything a rule depends on exists: its streams and tables, functions and sink types.</summary>
public static class RuleChecker
{
    /// <summary>What an import reports for a rule reading a stream or table that does not exist.</summary>
    public static string MissingSource(string source) => $"fail to get stream {source}, please check if stream is created";

    /// <returns>null when the rule can run against <paramref name="context"/>, else the first problem in eKuiper's words.</returns>
    public static string? Check(RuleDependencies dependencies, RuleCheckContext context)
    {
        foreach (var source in dependencies.Sources)
        {
            if (!context.HasSource(source))
            {
                return MissingSource(source);
            }
        }
        foreach (var function in dependencies.Functions)
        {
            if (!context.KnowsFunction(function))
            {
                return $"function {function} not found";
            }
        }
        foreach (var sinkType in dependencies.SinkTypes)
        {
            if (!context.KnowsSinkType(sinkType))
            {
                return $"sink {sinkType} is not defined";
            }
        }
        return null;
    }

    /// <summary>Analyses and checks a rule in one step: the error a user sees for a rule that cannot run.</summary>
    public static string? AnalyzeAndCheck(string ruleJson, RuleCheckContext context, out RuleDependencies dependencies) =>
        RuleAnalysis.TryAnalyze(ruleJson, out dependencies, out var error) ? Check(dependencies, context) : error;

    /// <inheritdoc cref="AnalyzeAndCheck(string, RuleCheckContext, out RuleDependencies)"/>
    public static string? AnalyzeAndCheck(System.Text.Json.JsonElement rule, RuleCheckContext context, out RuleDependencies dependencies) =>
        RuleAnalysis.TryAnalyze(rule, out dependencies, out var error) ? Check(dependencies, context) : error;
}
