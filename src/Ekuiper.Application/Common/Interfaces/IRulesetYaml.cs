namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// eKuiper's YAML form of an import/export document (GET /v2/data/export, POST /v2/data/import), translated to and
/// from the JSON document every import and export uses, so that YAML goes through the very same import and export.
/// </summary>
public interface IRulesetYaml
{
    /// <summary>
    /// The JSON ruleset document a YAML document describes; false, with the reason worded as eKuiper's YAML decoder
    /// words it ("yaml: line 2: …"), when the text is not YAML of that shape.
    /// </summary>
    bool TryToDocument(ReadOnlyMemory<byte> yaml, out byte[] document, out string error);

    /// <summary>The YAML of a JSON ruleset document (an export): the same bytes for the same document.</summary>
    byte[] FromDocument(ReadOnlyMemory<byte> document);
}
