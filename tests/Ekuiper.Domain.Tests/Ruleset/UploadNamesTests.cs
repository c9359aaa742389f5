using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Tests.Ruleset;

public sealed class UploadNamesTests
{
    [TestCase("a.txt")]
    [TestCase("a/b/c.txt")]
    [TestCase("level1/level2/level3/test.txt")]
    public void Paths_under_the_uploads_folder_are_names(string name)
    {
        Assert.That(UploadNames.Check(name), Is.Null);
    }

    [TestCase("")]
    [TestCase("..")]
    [TestCase("../x")]
    [TestCase("a/../../x")]
    [TestCase("a/../b")]
    [TestCase("a/./b")]
    [TestCase("a//b")]
    [TestCase("a/")]
    [TestCase("a\\b")]
    [TestCase("c:/x")]
    [TestCase("a/b\0c")]
    [TestCase("a/ b")]
    public void Anything_else_is_refused(string name)
    {
        Assert.That(UploadNames.Check(name), Does.StartWith($"invalid upload name {name}: "));
    }

    [TestCase("/a/b.txt", "a/b.txt")]
    [TestCase("//a", "a")]
    [TestCase("a/b", "a/b")]
    public void A_leading_slash_is_not_part_of_the_name(string name, string normalised)
    {
        Assert.That(UploadNames.Normalise(name), Is.EqualTo(normalised));
        var entry = ArtifactEntryValidator.Validate(ArtifactKind.Upload, name, $"{{\"name\":\"{name}\",\"content\":\"x\"}}");
        Assert.That(entry.IsValid, Is.True, entry.Error);
        Assert.That(entry.Value!.Key, Is.EqualTo(normalised));
    }

    [TestCase("c.txt", "c.txt")]
    [TestCase("a/b/c.txt", "c.txt")]
    [TestCase("../x", "x")]
    [TestCase("a/b/", "b")]
    [TestCase("/", "/")]
    [TestCase("", ".")]
    public void A_posted_file_is_named_by_its_base_name_as_gos_multipart_reader_names_it(string fileName, string name)
    {
        Assert.That(UploadNames.BaseName(fileName), Is.EqualTo(name));
    }

    [TestCase("a/b/c.txt", "a")]
    [TestCase("c.txt", "c.txt")]
    public void The_listing_shows_the_entry_of_the_uploads_folder_a_name_lies_in(string name, string listed)
    {
        Assert.That(UploadNames.TopLevel(name), Is.EqualTo(listed));
    }
}
