using Ekuiper.Tests.Shared;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>POST /services, PUT and DELETE /services/{name}, as eKuiper answers them.</summary>
public sealed class ServiceEndpointsTests : ServerTest
{
    [Test]
    public async Task A_created_service_is_installed_exported_replaced_and_deleted()
    {
        var uri = WriteFixture("geo.zip", PackageZips.Service("geo"));
        var entry = $$"""{"name":"geo","file":"{{uri}}"}""";

        Assert.That(await Client.SendTextAsync(HttpMethod.Post, "/services", entry).ReadTextAsync(), Is.EqualTo((201, "service geo is created")));
        Assert.That(await Client.GetNamesAsync("/services"), Is.EqualTo(new[] { "geo" }));
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, "services", "geo")), Is.True);
        Assert.That((await Client.ExportSectionsAsync())["Service"]["geo"], Is.EqualTo(entry));
        (await Client.SendTextAsync(HttpMethod.Post, "/services", entry).ReadAsync()).AssertError(400, "service create command error: service geo exist");

        var other = WriteFixture("geo2.zip", PackageZips.Service("geo"));
        Assert.That(await Client.SendTextAsync(HttpMethod.Put, "/services/geo", $$"""{"file":"{{other}}"}""").ReadTextAsync(),
            Is.EqualTo((200, "service geo is updated")));
        Assert.That((await Client.ExportSectionsAsync())["Service"]["geo"], Is.EqualTo($$"""{"name":"geo","file":"{{other}}"}"""));

        Assert.That(await Client.DeleteAsync("/services/geo").ReadTextAsync(), Is.EqualTo((200, "service geo is deleted")));
        Assert.That(await Client.GetNamesAsync("/services"), Is.Empty);
        (await Client.DeleteAsync("/services/geo").ReadAsync()).AssertError(404, "delete service geo error: geo is not found");
    }

    [Test]
    public async Task A_service_created_over_rest_is_exported_as_the_import_of_its_entry()
    {
        var entry = $$"""{"name":"geo","file":"{{WriteFixture("geo.zip", PackageZips.Service("geo"))}}"}""";
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/services", entry).ReadTextAsync()).Item1, Is.EqualTo(201));
        var viaRest = await Client.ExportAsync();
        Assert.That((await Client.DeleteAsync("/services/geo").ReadTextAsync()).Item1, Is.EqualTo(200));

        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(("Service", "geo", entry))).ReadAsync();

        Assert.That(imported, Is.EqualTo(200), report.ToString());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(viaRest));
    }

    [Test]
    public async Task Refused_services_change_nothing()
    {
        var wrong = WriteFixture("wrong.zip", PackageZips.Service("other"));
        var (status, body) = await Client.SendTextAsync(HttpMethod.Post, "/services", $$"""{"name":"geo","file":"{{wrong}}"}""").ReadAsync();
        Assert.That(status, Is.EqualTo(400), body.ToString());
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("service create command error: "));
        (await Client.SendTextAsync(HttpMethod.Post, "/services", """{"name":"a b","file":"file:///x.zip"}""").ReadAsync())
            .AssertError(400, "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        (await Client.SendTextAsync(HttpMethod.Post, "/services", """{"name":1}""").ReadAsync())
            .AssertError(400, "Invalid body: Error decoding the %s service request payload: json: cannot unmarshal number into Go struct field ServiceCreationRequest.name of type string");
        (await Client.SendTextAsync(HttpMethod.Put, "/services/a.b", """{"file":"file:///x.zip"}""").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");

        Assert.That(await Client.GetNamesAsync("/services"), Is.Empty);
        Assert.That((await Client.ExportSectionsAsync())["Service"], Is.Empty);
    }
}
