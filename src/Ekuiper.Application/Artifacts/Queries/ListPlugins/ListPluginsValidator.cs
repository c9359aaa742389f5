using Ekuiper.Domain.Ruleset.Validation;
using FluentValidation;

namespace Ekuiper.Application.Artifacts.Queries.ListPlugins;

public sealed class ListPluginsValidator : AbstractValidator<ListPlugins>
{
    public ListPluginsValidator() =>
        RuleFor(r => r.PluginKind).Must(ArtifactEntryValidator.PluginKinds.Contains)
            .WithMessage(r => $"unknown plugin type {r.PluginKind}: must be one of {string.Join(", ", ArtifactEntryValidator.PluginKinds)}");
}
