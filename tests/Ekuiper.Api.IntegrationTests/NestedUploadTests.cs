using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Uploads named by a path under the uploads folder (a/b/c.txt), as eKuiper writes them: created with their folders,
/// listed as eKuiper lists the folder, deleted, exported and imported — and never written outside the folder.
/// </summary>
public sealed class NestedUploadTests : ServerTest
{
    private string Uploads => Path.Combine(Factory.DataDirectory, "uploads");

    private string UploadPath(string name) => Path.Combine(Uploads, name.Replace('/', Path.DirectorySeparatorChar));

    [Test]
    public async Task A_json_upload_into_sub_folders_is_written_answered_listed_as_its_folder_and_exported()
    {
        var (status, text) = await Client.PostAsJsonAsync("/config/uploads", new { name = "level1/level2/test.txt", content = "multi-level" }).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, UploadPath("level1/level2/test.txt"))));
        Assert.That(await File.ReadAllTextAsync(UploadPath("level1/level2/test.txt")), Is.EqualTo("multi-level"));
        // eKuiper lists the entries of the uploads folder itself.
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.EqualTo(new[] { UploadPath("level1") }));
        Assert.That((await Client.ExportSectionsAsync())["uploads"]["level1/level2/test.txt"],
            Is.EqualTo("""{"name":"level1/level2/test.txt","content":"multi-level"}"""));
    }

    [Test]
    public async Task A_leading_slash_is_not_part_of_the_name()
    {
        var (status, text) = await Client.PostAsJsonAsync("/config/uploads", new { name = "/sub/file.txt", content = "x" }).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, UploadPath("sub/file.txt"))));
        Assert.That((await Client.ExportSectionsAsync())["uploads"].Keys, Is.EqualTo(new[] { "sub/file.txt" }));
    }

    [TestCase("/config/uploads/a/b/c.txt")]
    [TestCase("/config/uploads/a%2Fb%2Fc.txt")]
    public async Task Delete_by_path_removes_the_file_its_record_and_the_folders_it_leaves_empty(string path)
    {
        await Client.PostAsJsonAsync("/config/uploads", new { name = "a/b/c.txt", content = "x" });
        await Client.PostAsJsonAsync("/config/uploads", new { name = "a/keep.txt", content = "y" });

        var (status, text) = await Client.DeleteAsync(path).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "ok")));
        Assert.That(Directory.Exists(UploadPath("a/b")), Is.False);
        Assert.That(File.Exists(UploadPath("a/keep.txt")), Is.True);
        Assert.That((await Client.ExportSectionsAsync())["uploads"].Keys, Is.EqualTo(new[] { "a/keep.txt" }));
        Assert.That(await Client.DeleteAsync("/config/uploads/a/keep.txt").ReadTextAsync(), Is.EqualTo((200, "ok")));
        Assert.That(Directory.Exists(UploadPath("a")), Is.False);
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.Empty);
        (await Client.DeleteAsync(path).ReadAsync()).AssertError(404, "Error deleting the file: upload a/b/c.txt is not found");
    }

    [Test]
    public async Task A_folder_is_not_an_upload_a_file_is_not_a_folder()
    {
        await Client.PostAsJsonAsync("/config/uploads", new { name = "a/b.txt", content = "x" });

        (await Client.DeleteAsync("/config/uploads/a").ReadAsync())
            .AssertError(400, "Error deleting the file: a is a folder of the uploads; delete the files in it by their names (a/…)");
        (await Client.PostAsJsonAsync("/config/uploads", new { name = "a", content = "over the folder" }).ReadAsync())
            .AssertError(400, "fail to install upload: invalid upload name a: a is a folder");
        (await Client.PostAsJsonAsync("/config/uploads", new { name = "a/b.txt/c", content = "under a file" }).ReadAsync())
            .AssertError(400, "fail to install upload: invalid upload name a/b.txt/c: a/b.txt is a file, not a folder");
        Assert.That(await File.ReadAllTextAsync(UploadPath("a/b.txt")), Is.EqualTo("x"));
        Assert.That((await Client.ExportSectionsAsync())["uploads"].Keys, Is.EqualTo(new[] { "a/b.txt" }));
    }

    [Test]
    public async Task A_posted_form_file_is_written_under_its_base_name_as_eKuiper_writes_it()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([1, 2, 3]), "uploadFile", "a/b/c.gif");

        var (status, text) = await Client.PostAsync("/config/uploads", form).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, UploadPath("c.gif"))));
        Assert.That(Directory.Exists(UploadPath("a")), Is.False);
    }

    [Test]
    public async Task A_symbolic_link_in_the_uploads_folder_is_never_followed()
    {
        var outside = Path.Combine(FixtureDirectory, "outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Uploads);
        Directory.CreateSymbolicLink(UploadPath("link"), outside);

        (await Client.PostAsJsonAsync("/config/uploads", new { name = "link/x.txt", content = "escaped" }).ReadAsync())
            .AssertError(400, "fail to install upload: invalid upload name link/x.txt: link is a symbolic link in the uploads folder");
        var (imported, body) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("uploads", "link/y.txt", """{"name":"link/y.txt","content":"escaped"}""")), "?partial=1").ReadAsync();
        Assert.That(imported, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("link is a symbolic link in the uploads folder"));
        File.WriteAllText(Path.Combine(outside, "victim.txt"), "keep me");
        (await Client.DeleteAsync("/config/uploads/link/victim.txt").ReadAsync())
            .AssertError(400, "Error deleting the file: invalid upload name link/victim.txt: link is a symbolic link in the uploads folder");

        Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.EqualTo(new[] { Path.Combine(outside, "victim.txt") }));
        Assert.That((await Client.ExportSectionsAsync())["uploads"], Is.Empty);
    }

    [Test]
    public async Task Nested_uploads_are_imported_and_a_full_import_of_the_export_writes_them_again()
    {
        var (status, report) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("uploads", "conf/dev/a.json", JsonSerializer.Serialize(new { name = "conf/dev/a.json", content = "{}" })),
            ("uploads", "/conf/b.json", JsonSerializer.Serialize(new { name = "/conf/b.json", content = "[]" })))).ReadAsync();
        Assert.That(status, Is.EqualTo(200), report.ToString());
        Assert.That(await File.ReadAllTextAsync(UploadPath("conf/dev/a.json")), Is.EqualTo("{}"));
        Assert.That(await File.ReadAllTextAsync(UploadPath("conf/b.json")), Is.EqualTo("[]"));
        var (_, export) = await Client.GetAsync("/data/export").ReadTextAsync();

        Directory.Delete(Uploads, recursive: true);
        var (again, againReport) = await Client.ImportContentAsync(export).ReadAsync();

        Assert.That(again, Is.EqualTo(200), againReport.ToString());
        Assert.That(await File.ReadAllTextAsync(UploadPath("conf/dev/a.json")), Is.EqualTo("{}"));
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.EqualTo(new[] { UploadPath("conf") }));
        Assert.That((await Client.ExportSectionsAsync())["uploads"].Keys, Is.EqualTo(new[] { "conf/b.json", "conf/dev/a.json" }));
    }
}
