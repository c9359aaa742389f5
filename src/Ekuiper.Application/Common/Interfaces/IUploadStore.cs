namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// The uploads directory (&lt;data&gt;/uploads), where eKuiper keeps uploaded configuration files. Names are paths
/// under it (a/b/c.txt); callers check them with <see cref="Domain.Ruleset.Validation.UploadNames.Check"/> first.
/// </summary>
public interface IUploadStore
{
    /// <summary>The absolute path a file of this name has (or would have), as eKuiper answers uploads with it.</summary>
    string PathOf(string name);

    /// <summary>The entries of the directory itself, files and sub-folders, as eKuiper lists them.</summary>
    IReadOnlyList<string> ListNames();

    /// <summary>Whether a file of this name is there.</summary>
    bool Exists(string name);

    /// <summary>Whether the name is a folder of the directory.</summary>
    bool IsFolder(string name);

    /// <summary>
    /// Why a file of this name cannot be written or deleted as the directory is now (a part of its path is a
    /// symbolic link, a part is a file, or the name is a folder); null when it can.
    /// </summary>
    string? Refusal(string name);

    /// <summary>Deletes the file and the folders it leaves empty; false when there was none.</summary>
    bool Delete(string name);
}
