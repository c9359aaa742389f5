using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using FluentValidation;

namespace Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;

/// <summary>
/// The body is checked before a task is registered (eKuiper registers first and fails the task later): a body that
/// names both or neither of content and file gets its 400 at once.
/// </summary>
public sealed class StartAsyncImportValidator : AbstractValidator<StartAsyncImport>
{
    public StartAsyncImportValidator()
    {
        RuleFor(r => r.Import).SetValidator(new ImportRulesetValidator());
    }
}
