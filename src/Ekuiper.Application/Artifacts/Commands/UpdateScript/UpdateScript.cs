using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.UpdateScript;

/// <summary>PUT /udf/javascript/{id}: replaces the function, or creates it when absent (as eKuiper does).</summary>
/// <returns>eKuiper's answer, e.g. "javascript function area is updated".</returns>
public sealed record UpdateScript(string Id, string Json) : IRequest<string>, IStoreWrite;

/// <summary>Checked by the import's own checks for a scripts entry, through <see cref="SingleEntryImport"/>.</summary>
public sealed class UpdateScriptHandler(SingleEntryImport entries) : IRequestHandler<UpdateScript, string>
{
    public async Task<string> Handle(UpdateScript request, CancellationToken cancellationToken)
    {
        var json = ScriptBody.Decode(request.Json, "Invalid body: Error decoding the javascript function json");
        await entries.WriteAsync(RulesetSection.Scripts, request.Id, json, null, "javascript function update command error", cancellationToken);
        return $"javascript function {request.Id} is updated";
    }
}
