namespace Ekuiper.Application.Backups;

public static class BackupMessages
{
    public const string BeforeFullImport = "before full import";

    public static string NotFound(string id) => $"backup {id} is not found";

    public static string BeforeRestoreOf(string id) => $"before restore of {id}";

    public static string BeforeTask(string taskId) => $"before full import (task {taskId})";
}
