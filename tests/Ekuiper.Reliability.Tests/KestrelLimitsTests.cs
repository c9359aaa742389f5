using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ekuiper.Reliability.Tests;

/// <summary>The body limit as Kestrel itself enforces it, on the real process: 413 in eKuiper's shape.</summary>
public sealed class KestrelLimitsTests
{
    [Test]
    public async Task Bodies_over_the_limit_are_413_whether_declared_or_chunked_and_change_nothing()
    {
        var directory = RealServer.NewDataDirectory();
        try
        {
            await using var server = await RealServer.StartAsync(directory,
                new Dictionary<string, string> { ["Ekuiper__MaxRequestBodyBytes"] = "4096" });
            var content = Documents.Tagged("big", streams: 50, rules: 0);
            var body = JsonSerializer.Serialize(new { content });
            var before = await server.Client.ExportAsync();

            using var declared = await server.Client.PostAsJsonAsync("/data/import", new { content });
            using var chunked = await server.Client.PostAsync("/data/import",
                new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) { Headers = { ContentType = new("application/json") } });

            foreach (var response in new[] { declared, chunked })
            {
                var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.That((int)response.StatusCode, Is.EqualTo(413), answer.ToString());
                Assert.That(answer.GetProperty("error").GetInt32(), Is.EqualTo(1000));
                // Ours for a declared length; Kestrel's own words when it finds out while reading ("… is 4096 bytes.").
                Assert.That(answer.GetProperty("message").GetString(), Does.Contain("4096 bytes"));
            }
            Assert.That(await server.Client.ExportAsync(), Is.EqualTo(before));
        }
        finally
        {
            RealServer.DeleteDirectory(directory);
        }
    }
}
