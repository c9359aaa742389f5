using Ekuiper.Tests.Shared;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>POST /services, GET, PUT and DELETE /services/{name}, /services/functions[/{name}], as eKuiper answers them.</summary>
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

    private const string GeoInfo =
        """{"About":{"author":{"name":"tests","email":"","company":"","website":""},"helpUrl":null,"description":null},"Interfaces":{"shelf":{"Desc":null,"Addr":"tcp://localhost:50051","Protocol":"grpc","Schema":{"SchemaType":"protobuf","SchemaFile":"book.proto","Schemaless":false},"Functions":["getBook","ListBooks"],"Options":null}}}""";

    private const string GetBook = """{"FuncName":"getBook","ServiceName":"geo","InterfaceName":"shelf","Addr":"tcp://localhost:50051","MethodName":"GetBook"}""";
    private const string ListBooks = """{"FuncName":"ListBooks","ServiceName":"geo","InterfaceName":"shelf","Addr":"tcp://localhost:50051","MethodName":"ListBooks"}""";

    [Test]
    public async Task A_service_and_its_functions_are_described_as_eKuiper_describes_them()
    {
        var uri = WriteFixture("geo.zip", PackageZips.Service("geo"));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/services", $$"""{"name":"geo","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));

        Assert.That(await Client.GetAsync("/services/geo").ReadTextAsync(), Is.EqualTo((200, GeoInfo)));
        // Sorted by name, byte by byte, as the names are kept.
        Assert.That(await Client.GetAsync("/services/functions").ReadTextAsync(), Is.EqualTo((200, $"[{ListBooks},{GetBook}]")));
        Assert.That(await Client.GetAsync("/services/functions/getBook").ReadTextAsync(), Is.EqualTo((200, GetBook)));

        (await Client.GetAsync("/services/functions/getbook").ReadAsync()).AssertError(404, "describe function getbook error: not found", 1002);
        (await Client.GetAsync("/services/ghost").ReadAsync()).AssertError(404, "describe service ghost error: not found", 1002);
        (await Client.GetAsync("/services/a.b").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        (await Client.GetAsync("/services/functions/a.b").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");

        Assert.That((await Client.DeleteAsync("/services/geo").ReadTextAsync()).Item1, Is.EqualTo(200));
        Assert.That(await Client.GetAsync("/services/functions").ReadTextAsync(), Is.EqualTo((200, "[]")));
        (await Client.GetAsync("/services/functions/getBook").ReadAsync()).AssertError(404, "describe function getBook error: not found", 1002);
    }

    [Test]
    public async Task A_schemaless_interface_with_options_is_one_function_named_after_it()
    {
        var descriptor = """
            {"about":{"author":{"name":"EMQ","email":"contact@emqx.io"},"description":{"en_US":"Sample","zh_CN":"示例"}},
             "interfaces":{"tsrest":{"address":"http://localhost:51234","protocol":"rest","schemaless":true,
               "description":{"en_US":"A <rest> service"},"options":{"retryCount":3,"headers":{"b":"2","Accept":"1"},"insecureSkipVerify":true}}}}
            """;
        var uri = WriteFixture("sample.zip", PackageZips.Zip(("sample.json", descriptor)));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/services", $$"""{"name":"sample","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));

        Assert.That(await Client.GetAsync("/services/sample").ReadTextAsync(), Is.EqualTo((200,
            """{"About":{"author":{"name":"EMQ","email":"contact@emqx.io","company":"","website":""},"helpUrl":null,"description":{"en_US":"Sample","zh_CN":"示例"}},"Interfaces":{"tsrest":{"Desc":{"en_US":"A \u003crest\u003e service","zh_CN":""},"Addr":"http://localhost:51234","Protocol":"rest","Schema":{"SchemaType":"","SchemaFile":"","Schemaless":true},"Functions":["tsrest"],"Options":{"headers":{"Accept":"1","b":"2"},"insecureSkipVerify":true,"retryCount":3}}}}""")));
        Assert.That(await Client.GetAsync("/services/functions/tsrest").ReadTextAsync(), Is.EqualTo((200,
            """{"FuncName":"tsrest","ServiceName":"sample","InterfaceName":"tsrest","Addr":"http://localhost:51234","MethodName":"tsrest"}""")));
    }

    [Test]
    public async Task A_rule_may_call_the_functions_of_a_service_created_over_rest()
    {
        Assert.That((await Client.CreateStreamAsync("CREATE STREAM demo (id bigint) WITH (DATASOURCE=\"demo\", FORMAT=\"JSON\")").ReadTextAsync()).Item1,
            Is.EqualTo(201));
        const string rule = """{"id":"books","sql":"SELECT getBook(id) AS book FROM demo","actions":[{"log":{}}]}""";
        var (refused, _) = await Client.CreateRuleAsync(rule).ReadTextAsync();
        Assert.That(refused, Is.EqualTo(400), "no service provides getBook yet");

        var uri = WriteFixture("geo.zip", PackageZips.Service("geo"));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/services", $$"""{"name":"geo","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));

        Assert.That(await Client.CreateRuleAsync(rule).ReadTextAsync(), Is.EqualTo((201, "Rule books was created successfully.")));
    }
}
