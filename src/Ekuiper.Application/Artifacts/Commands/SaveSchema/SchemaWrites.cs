using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Application.Artifacts.Commands.SaveSchema;

/// <summary>
/// How the schema endpoints store a schema: as a one-entry partial import of its Schema entry
/// (<see cref="SingleEntryImport"/>), so that it is checked, fetched, staged and recorded exactly as an imported one.
/// </summary>
public sealed class SchemaWrites(SingleEntryImport entries, IEkuiperDbContext db)
{
    /// <summary>Checks <paramref name="schema"/> as eKuiper's handlers do, then installs and stores it in this store write.</summary>
    /// <param name="creates">A POST: a schema of that type and name must not exist.</param>
    /// <param name="errorPrefix">eKuiper's words before an install's error ("schema create command error").</param>
    /// <param name="carried">The row of a bundle already in the store that the entry is installed from (an uploaded zip).</param>
    /// <returns>Whether the schema is new.</returns>
    /// <exception cref="InvalidRequestException">The schema is refused; nothing changed.</exception>
    public async Task<bool> WriteAsync(SchemaInfo schema, bool creates, string errorPrefix, CancellationToken cancellationToken,
        ArtifactDefinition? carried = null)
    {
        var stored = await RequireWritableAsync(schema, creates, errorPrefix, cancellationToken);
        await entries.WriteAsync(RulesetSection.Schema, schema.Key, schema.EntryJson(), null, errorPrefix, cancellationToken,
            creates: stored is null, replacesArtifact: true, carried: carried is null ? null : [carried]);
        return stored is null;
    }

    /// <summary>eKuiper's checks before it installs anything: a POST's name is free, the version is not older than the stored one.</summary>
    /// <returns>The stored schema of that type and name, if any.</returns>
    public async Task<ArtifactDefinition?> RequireWritableAsync(SchemaInfo schema, bool creates, string errorPrefix, CancellationToken cancellationToken)
    {
        var stored = await StoredArtifacts.FindAsync(db, ArtifactKind.Schema, schema.Key, cancellationToken);
        if (stored is not null && creates)
        {
            throw new InvalidRequestException($"{errorPrefix}: schema {schema.Type}.{schema.Name} already registered");
        }
        // eKuiper refuses only a version that sorts before the stored one; the same version replaces it.
        if (stored is not null && VersionOf(stored.Json) is { Length: > 0 } storedVersion
            && string.CompareOrdinal(storedVersion, schema.Version ?? string.Empty) > 0)
        {
            throw new InvalidRequestException(
                $"{errorPrefix}: schema {schema.Type}.{schema.Name} already registered with a newer version {storedVersion}");
        }
        return stored;
    }

    /// <summary>Checks the name in the path as eKuiper's validate.ValidateID does.</summary>
    public static void RequireValidName(string name)
    {
        if (Identifiers.Check(name) is { } error)
        {
            throw new InvalidRequestException(error);
        }
    }

    private static string? VersionOf(string json)
    {
        using var document = JsonText.ParseUntrusted(json);
        return document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
    }
}
