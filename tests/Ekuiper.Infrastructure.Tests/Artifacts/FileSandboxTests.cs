using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Infrastructure.Artifacts;
using Microsoft.Extensions.Options;
using Moq;

namespace Ekuiper.Infrastructure.Tests.Artifacts;

/// <summary>file:// reads stay under the allowed roots, whatever ".." and symbolic links say.</summary>
public sealed class FileSandboxTests
{
    private string _directory = null!;
    private string _root = null!;
    private string _outside = null!;

    [SetUp]
    public void CreateDirectories()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ekuiper-tests", "sandbox-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_directory, "root");
        _outside = Path.Combine(_directory, "outside");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "in.json"), "{}");
        File.WriteAllText(Path.Combine(_outside, "secret.json"), "{}");
    }

    [TearDown]
    public void DeleteDirectories() => Directory.Delete(_directory, recursive: true);

    private FileSandbox Sandbox => new([_root]);

    [Test]
    public void A_file_under_a_root_is_allowed_at_its_real_path()
    {
        Assert.That(Sandbox.Resolve(Path.Combine(_root, "in.json")), Is.EqualTo(FileSandbox.RealPath(Path.Combine(_root, "in.json"))));
    }

    [Test]
    public void Dot_dot_cannot_climb_out_of_a_root()
    {
        Assert.That(Sandbox.Resolve(Path.Combine(_root, "..", "outside", "secret.json")), Is.Null);
        Assert.That(Sandbox.Resolve(_root + "-sibling/x.json"), Is.Null, "a folder whose name only starts like the root is outside");
    }

    [Test]
    public void A_link_inside_a_root_that_points_out_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "file-link.json"), Path.Combine(_outside, "secret.json"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "dir-link"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "relative-link"), "../outside");

        Assert.That(Sandbox.Resolve(Path.Combine(_root, "file-link.json")), Is.Null);
        Assert.That(Sandbox.Resolve(Path.Combine(_root, "dir-link", "secret.json")), Is.Null);
        Assert.That(Sandbox.Resolve(Path.Combine(_root, "relative-link", "secret.json")), Is.Null);
    }

    [Test]
    public void A_link_outside_that_points_into_a_root_is_allowed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_outside, "into-root"), _root);

        Assert.That(Sandbox.Resolve(Path.Combine(_outside, "into-root", "in.json")), Is.Not.Null);
    }

    [Test]
    public void A_link_loop_is_refused_not_followed_for_ever()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "a"), Path.Combine(_root, "b"));
        File.CreateSymbolicLink(Path.Combine(_root, "b"), Path.Combine(_root, "a"));

        Assert.That(Sandbox.Resolve(Path.Combine(_root, "a")), Is.Null);
    }

    [Test]
    public async Task The_fetcher_reads_inside_the_roots_and_refuses_outside_them_naming_the_roots()
    {
        var options = new EkuiperOptions { FileRoots = [_root] };
        var fetcher = new ArtifactFetcher(new Mock<IHttpClientFactory>().Object, Options.Create(options));
        // The uploads folder is always a root besides the configured ones (eKuiper's restricted mode reads it).
        var uploads = Path.Combine(options.ResolveDataDirectory(), "uploads");
        var secret = Path.Combine(_outside, "secret.json");
        var uri = new Uri(secret).AbsoluteUri;

        var inside = await fetcher.FetchAsync(new Uri(Path.Combine(_root, "in.json")).AbsoluteUri, CancellationToken.None);
        var error = Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(uri, CancellationToken.None))!;

        Assert.That(inside, Is.EqualTo("{}"u8.ToArray()));
        Assert.That(error.Message, Is.EqualTo(
            $"fail to download file {uri}: {secret} is outside the allowed roots ({_root}, {uploads}); put the file under one of them or configure Ekuiper:FileRoots"));
    }

    [Test]
    public void By_default_the_roots_are_the_data_directorys_import_folder_the_temp_directories_and_the_uploads_folder()
    {
        var options = new EkuiperOptions { DataDirectory = "/srv/ekuiper" };

        var temp = Path.GetFullPath(Path.GetTempPath());
        // /tmp is a root besides the user's temp directory when TMPDIR points elsewhere.
        string[] expected = temp == "/tmp/" || OperatingSystem.IsWindows()
            ? ["/srv/ekuiper/import", temp, "/srv/ekuiper/uploads"]
            : ["/srv/ekuiper/import", temp, "/tmp/", "/srv/ekuiper/uploads"];

        Assert.That(options.ResolveFileRoots(), Is.EqualTo(expected));
    }
}
