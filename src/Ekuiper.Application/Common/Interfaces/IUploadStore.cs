namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// The uploads directory (&lt;data&gt;/uploads), where eKuiper keeps uploaded configuration files. Names are plain file
/// names; callers check them with <see cref="Domain.Ruleset.Validation.UploadNames.Check"/> first.
/// </summary>
public interface IUploadStore
{
    /// <summary>The absolute path a file of this name has (or would have), as eKuiper answers uploads with it.</summary>
    string PathOf(string name);

    /// <summary>The names of the files in the directory.</summary>
    IReadOnlyList<string> ListNames();

    /// <summary>Whether a file of this name is there.</summary>
    bool Exists(string name);

    /// <summary>Deletes the file; false when there was none.</summary>
    bool Delete(string name);
}
