using Ekuiper.Domain.Ruleset.Validation;
using FluentValidation;

namespace Ekuiper.Application.Common.Validation;

/// <summary>FluentValidation rules shared by the per-resource requests.</summary>
public static class IdentifierRules
{
    /// <summary>
    /// The name in the path must be an eKuiper id (<see cref="Identifiers.Check"/>), as eKuiper checks it before it looks
    /// anything up; the message is eKuiper's, optionally prefixed (e.g. "Invalid confKey").
    /// </summary>
    public static IRuleBuilderOptions<T, string> MustBeEkuiperId<T>(this IRuleBuilder<T, string> rule, string? prefix = null) =>
        rule.Must(id => Identifiers.Check(id ?? string.Empty) is null)
            .WithMessage((_, id) => (prefix is null ? string.Empty : prefix + ": ") + Identifiers.Check(id ?? string.Empty));

    /// <summary>A body field that must be present and not empty.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeGiven<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(value => !string.IsNullOrEmpty(value)).WithMessage($"Invalid body: the {field} field is required");
}
