using Ekuiper.Application.Common;
using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.CreateScript;

/// <summary>POST /udf/javascript: {"id","description","script","isAgg"}, stored as sent. The id must be new.</summary>
/// <returns>eKuiper's answer, e.g. "javascript function area is created".</returns>
public sealed record CreateScript(string Json) : IRequest<string>, IStoreWrite;

/// <summary>Checked by the import's own checks for a scripts entry, through <see cref="SingleEntryImport"/>.</summary>
public sealed class CreateScriptHandler(SingleEntryImport entries) : IRequestHandler<CreateScript, string>
{
    private const string ErrorPrefix = "javascript function create command error";

    public async Task<string> Handle(CreateScript request, CancellationToken cancellationToken)
    {
        var json = ScriptBody.Decode(request.Json, "Invalid body: Error decoding the new javascript function json");
        JsonBody.TryReadString(json, "id", out var id, out _);
        var key = id ?? string.Empty;
        await entries.WriteAsync(
            RulesetSection.Scripts,
            key,
            json,
            snapshot =>
            {
                if (snapshot.ArtifactKeys.Contains((Domain.Definitions.ArtifactKind.Script, key)))
                {
                    throw new InvalidRequestException($"{ErrorPrefix}: javascript function {key} already exists");
                }
            },
            ErrorPrefix, cancellationToken);
        return $"javascript function {key} is created";
    }
}
