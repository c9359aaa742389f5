using System.Security.Cryptography;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>
/// Task ids keep eKuiper's "dataImport-&lt;unix seconds&gt;" shape and add a random suffix: eKuiper's id alone collides
/// for two imports in the same second.
/// </summary>
public static class AsyncTaskIds
{
    public const string DataImportPrefix = "dataImport";

    public static string NewDataImportId(DateTimeOffset now) =>
        $"{DataImportPrefix}-{now.ToUnixTimeSeconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
