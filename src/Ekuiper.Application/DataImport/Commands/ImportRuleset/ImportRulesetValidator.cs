using FluentValidation;

namespace Ekuiper.Application.DataImport.Commands.ImportRuleset;

/// <summary>The body must name exactly one source: content or file (eKuiper's wording).</summary>
public sealed class ImportRulesetValidator : AbstractValidator<ImportRuleset>
{
    public ImportRulesetValidator()
    {
        RuleFor(r => r)
            .Must(r => !r.HasContent || string.IsNullOrEmpty(r.File))
            .WithMessage("Invalid body: Cannot specify both content and file")
            .Must(r => r.HasContent || !string.IsNullOrEmpty(r.File))
            .WithMessage("Invalid body: must specify content or file");
    }
}
