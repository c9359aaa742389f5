using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

public sealed class DashboardTests
{
    [Test]
    public async Task A_local_request_sees_the_dashboard_and_the_import_job_named_by_its_task_id()
    {
        using var factory = From(IPAddress.Loopback);
        using var client = factory.CreateClient();
        var id = await client.StartImportIdAsync(EkuiperClient.SeedExampleWithoutPlugins);
        await client.PollUntilDoneAsync(id);

        using var home = await client.GetAsync("/hangfire");
        // The task's outcome is recorded inside the import (PostgreSQL), a moment before Hangfire marks the job succeeded.
        var succeeded = await client.GetStringAsync("/hangfire/jobs/succeeded");
        for (var i = 0; i < 50 && !succeeded.Contains($"Import task {id}"); i++)
        {
            await Task.Delay(100);
            succeeded = await client.GetStringAsync("/hangfire/jobs/succeeded");
        }

        Assert.That((int)home.StatusCode, Is.EqualTo(200));
        Assert.That(home.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(succeeded, Does.Contain($"Import task {id}"));
    }

    [Test]
    public async Task A_remote_request_is_refused_by_default()
    {
        using var factory = From(IPAddress.Parse("192.0.2.7"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/hangfire");

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task A_remote_request_sees_the_dashboard_when_configured_to()
    {
        using var factory = From(IPAddress.Parse("192.0.2.7"), allowRemote: true);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/hangfire");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    /// <summary>A server whose every request comes from <paramref name="remote"/> (the test server sets no address).</summary>
    private static EkuiperApiFactory From(IPAddress remote, bool allowRemote = false) => new(
        settings: new Dictionary<string, string?> { ["Ekuiper:Dashboard:AllowRemote"] = allowRemote ? "true" : "false" },
        services: services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(remote)));
}
