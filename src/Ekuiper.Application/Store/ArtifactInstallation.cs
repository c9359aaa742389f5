using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>
/// Installs the artifacts of a plan: plugins, services, schemas and uploads are fetched, checked and staged as files;
/// scripts are compiled. An artifact that fails is reported under its key and taken out of the plan, so that only
/// installed artifacts are written. The staged files follow the import's transaction (see <see cref="IArtifactStaging"/>).
/// The functions each one provides are recorded on its row (<see cref="ArtifactDefinition.FunctionsJson"/>), and a
/// portable plugin's manifest with them (<see cref="ArtifactDefinition.PluginInfoJson"/>, set by the staging).
/// </summary>
public sealed class ArtifactInstallation(IArtifactInstaller installer, IScriptCompiler scripts, IEkuiperDbContext db)
{
    /// <param name="carried">
    /// Rows a restored backup carries: an artifact whose kind, key and entry JSON equal one of them is installed from
    /// that row's blob, as it was, instead of being fetched again (its URL may be long gone). Null for plain imports.
    /// </param>
    public async Task<IArtifactStaging> InstallAsync(ImportPlan plan, ImportMode mode, IReadOnlyList<ArtifactDefinition>? carried,
        CancellationToken cancellationToken)
    {
        var carriedRows = (carried ?? []).Where(a => a.Sha256 is not null && a.FunctionsJson is not null)
            .DistinctBy(a => (a.Kind, a.Key)).ToDictionary(a => (a.Kind, a.Key));
        var staging = installer.Begin();
        try
        {
            if (mode == ImportMode.Reset)
            {
                staging.ReplaceAll();
            }
            var failed = new HashSet<ArtifactDefinition>();
            foreach (var artifact in plan.Artifacts)
            {
                var error = carriedRows.TryGetValue((artifact.Kind, artifact.Key), out var row) && row.Json == artifact.Json
                    ? await InstallCarriedAsync(staging, plan, artifact, row, cancellationToken)
                    : await InstallAsync(staging, plan, artifact, cancellationToken);
                if (error is not null)
                {
                    plan.Report.Set(SectionKinds.SectionOf(artifact.Kind), artifact.Key, error);
                    failed.Add(artifact);
                }
            }
            plan.Artifacts.RemoveAll(failed.Contains);
            return staging;
        }
        catch
        {
            staging.Dispose();
            throw;
        }
    }

    private async Task<string?> InstallAsync(IArtifactStaging staging, ImportPlan plan, ArtifactDefinition artifact, CancellationToken cancellationToken)
    {
        if (artifact.Kind == ArtifactKind.Script)
        {
            var script = ArtifactEntries.ReadScript(artifact.Json);
            if (scripts.Check(script.Id, script.Script) is { } error)
            {
                return error;
            }
            Declare(plan, [script.Id], artifact);
            return null;
        }
        try
        {
            var functions = await staging.StageAsync(artifact, cancellationToken);
            artifact.FunctionsJson = FunctionList.Write(functions);
            Declare(plan, functions, artifact);
            return null;
        }
        catch (EkuiperException e)
        {
            return e.Message;
        }
    }

    /// <summary>Installs <paramref name="artifact"/> from the blob of the backup's <paramref name="row"/>; fetches it when the blob is gone.</summary>
    private async Task<string?> InstallCarriedAsync(IArtifactStaging staging, ImportPlan plan, ArtifactDefinition artifact,
        ArtifactDefinition row, CancellationToken cancellationToken)
    {
        var bundle = await db.ArtifactBlobs.AsNoTracking().Where(b => b.Sha256 == row.Sha256).Select(b => b.Content)
            .FirstOrDefaultAsync(cancellationToken);
        if (bundle is null)
        {
            return await InstallAsync(staging, plan, artifact, cancellationToken);
        }
        artifact.Sha256 = row.Sha256;
        artifact.InstalledPath = row.InstalledPath;
        artifact.FunctionsJson = row.FunctionsJson;
        artifact.PluginInfoJson = row.PluginInfoJson;
        try
        {
            staging.StageBundle(artifact, bundle);
        }
        catch (EkuiperException e)
        {
            return e.Message;
        }
        Declare(plan, FunctionList.Read(row.FunctionsJson) ?? [], artifact);
        return null;
    }

    /// <summary>Records the functions an installed artifact brings, for the rule checks that follow.</summary>
    private static void Declare(ImportPlan plan, IEnumerable<string> functions, ArtifactDefinition provider) =>
        plan.DeclaredFunctions.AddRange(functions.Select(name => DeclaredFunction.Of(name, provider)));
}
