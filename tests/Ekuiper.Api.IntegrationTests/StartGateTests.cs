using Ekuiper.Application.Store;
using Ekuiper.Infrastructure.Health;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The part of the start that runs after the server listens (the previous run's tasks marked, the store's artifacts
/// installed): until it is done only the probes answer, /readyz says the server is starting, and every other request
/// waits, then gets the answer it would have got from a started server.
/// </summary>
public sealed class StartGateTests
{
    [Test]
    public async Task A_request_sent_during_the_start_waits_for_it_and_readyz_says_starting_until_then()
    {
        // The artifact install at start takes a turn in this node's import line: a turn held here holds the start.
        var line = new ImportGate();
        var held = line.Join();
        using var factory = new EkuiperApiFactory(services: services => services.AddSingleton<IImportGate>(line));
        try
        {
            using var client = factory.CreateClient();

            Assert.That((await client.GetAsync("/ping").ReadTextAsync()).Status, Is.EqualTo(200));
            Assert.That((await client.GetAsync("/healthz").ReadAsync()).Status, Is.EqualTo(200));
            var rules = client.GetAsync("/rules").ReadTextAsync();
            var (status, body) = await client.GetAsync("/readyz").ReadAsync();
            Assert.That(status, Is.EqualTo(503), body.ToString());
            var store = body.GetProperty("checks").GetProperty("store");
            Assert.That(store.GetProperty("description").GetString(), Is.EqualTo(StoreReadinessCheck.StartingDescription));
            Assert.That(factory.Services.GetRequiredService<StartupGate>().IsOpen, Is.False);
            Assert.That(rules.IsCompleted, Is.False, "GET /rules was answered before the start was done");

            held.Dispose();

            Assert.That(await rules, Is.EqualTo((200, "[]")));
            Assert.That((await client.GetAsync("/readyz").ReadAsync()).Status, Is.EqualTo(200));
        }
        finally
        {
            held.Dispose();
        }
    }
}
