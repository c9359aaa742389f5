using System.Text;

namespace Ekuiper.Application.Tests;

public static class TestText
{
    /// <summary>A document as the import takes it: UTF-8 bytes (null stays null).</summary>
    public static ReadOnlyMemory<byte>? Utf8(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);
}
