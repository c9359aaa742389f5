using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Plugins.Commands.RegisterFunctions;

/// <summary>
/// POST /plugins/functions/{name}/register: {"functions":[…]}, the functions the installed function plugin exports.
/// The plugin's entry is rewritten with that list ("functions"), as if it had been created with it, and stored through
/// <see cref="SingleEntryImport"/> from its stored bundle (no fetch), so that the rule checks, the export and a later
/// import all know the functions.
/// </summary>
/// <returns>eKuiper's answer, e.g. "function plugin echo function list is registered".</returns>
public sealed record RegisterFunctions(string Name, string Json) : IRequest<string>, IStoreWrite;

public sealed class RegisterFunctionsHandler(SingleEntryImport entries, IEkuiperDbContext db, IFunctionCatalogue catalogue)
    : IRequestHandler<RegisterFunctions, string>
{
    public async Task<string> Handle(RegisterFunctions request, CancellationToken cancellationToken)
    {
        PluginBody.RequireValidName(request.Name);
        var kind = PluginKind.Of("functions");
        var key = kind.KeyOf(request.Name);
        var stored = await StoredArtifacts.FindAsync(db, ArtifactKind.NativePlugin, key, cancellationToken)
                     ?? throw new NotFoundException($"register functions plugin {request.Name} error: not found");
        var functions = PluginBody.DecodeFunctionList(request.Json);
        var prefix = $"function plugins {request.Name} regiser functions error";
        if (functions is not { Count: > 0 })
        {
            throw new InvalidRequestException($"{prefix}: property 'functions' must not be empty");
        }
        var others = (await catalogue.ListAsync(cancellationToken))
            .Where(f => f.Kind == ArtifactKind.NativePlugin && f.Key != key)
            .Select(f => f.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (functions.FirstOrDefault(f => others.Contains(f.ToLowerInvariant())) is { } taken)
        {
            throw new InvalidRequestException($"{prefix}: function name {taken} already exists");
        }
        var entry = ArtifactEntries.ReadPackage(stored.Json);
        var registered = new PluginBody(entry.Name, entry.File, entry.ShellParas, functions.Distinct(StringComparer.Ordinal).ToList()).Entry();
        // The files stay those installed: the stored bundle installs the new entry, with the functions it now declares.
        var carried = new ArtifactDefinition
        {
            Kind = stored.Kind,
            Key = stored.Key,
            Json = registered,
            Sha256 = stored.Sha256,
            InstalledPath = stored.InstalledPath,
            FunctionsJson = FunctionList.Write(functions.Distinct(StringComparer.Ordinal)),
            PluginInfoJson = stored.PluginInfoJson,
        };
        await entries.WriteAsync(RulesetSection.NativePlugins, key, registered, null, prefix, cancellationToken,
            replacesArtifact: true, carried: [carried]);
        return $"function plugin {request.Name} function list is registered";
    }
}
