using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Store;

/// <summary>
/// Installs the artifacts of a plan: plugins, services, schemas and uploads are fetched, checked and staged as files;
/// scripts are compiled. An artifact that fails is reported under its key and taken out of the plan, so that only
/// installed artifacts are written. The staged files follow the import's transaction (see <see cref="IArtifactStaging"/>).
/// </summary>
public sealed class ArtifactInstallation(IArtifactInstaller installer, IScriptCompiler scripts)
{
    public async Task<IArtifactStaging> InstallAsync(ImportPlan plan, ImportMode mode, CancellationToken cancellationToken)
    {
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
                if (await InstallAsync(staging, plan, artifact, cancellationToken) is { } error)
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
            Declare(plan, await staging.StageAsync(artifact, cancellationToken), artifact);
            return null;
        }
        catch (EkuiperException e)
        {
            return e.Message;
        }
    }

    /// <summary>Records the functions an installed artifact brings, for the rule checks that follow.</summary>
    private static void Declare(ImportPlan plan, IEnumerable<string> functions, ArtifactDefinition provider) =>
        plan.DeclaredFunctions.AddRange(functions.Select(name => DeclaredFunction.Of(name, provider)));
}
