using Ekuiper.Application.Common.Behaviours;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using FluentValidation;
using MediatR;
using Moq;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests;

public sealed class ImportRulesetValidatorTests
{
    [TestCase("{}", null, null)]
    [TestCase(null, "file:///tmp/a.json", null)]
    [TestCase("{}", "file:///tmp/a.json", "Invalid body: Cannot specify both content and file")]
    [TestCase(null, null, "Invalid body: must specify content or file")]
    [TestCase("", "", "Invalid body: must specify content or file")]
    public void Exactly_one_of_content_and_file(string? content, string? file, string? message)
    {
        var result = new ImportRulesetValidator().Validate(new ImportRuleset(Utf8(content), file, ImportMode.Reset));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), message is null ? Is.Empty : Is.EqualTo(new[] { message }));
    }

    [Test]
    public void The_validation_behaviour_stops_an_invalid_request_before_its_handler()
    {
        var behaviour = new ValidationBehaviour<ImportRuleset, ImportRulesetResult>([new ImportRulesetValidator()]);
        var handler = new Mock<RequestHandlerDelegate<ImportRulesetResult>>();

        var error = Assert.ThrowsAsync<ValidationException>(() =>
            behaviour.Handle(new ImportRuleset(null, null, ImportMode.Reset), CancellationToken.None, handler.Object));

        Assert.That(error!.Errors.Single().ErrorMessage, Is.EqualTo("Invalid body: must specify content or file"));
        handler.Verify(h => h(), Times.Never);
    }

    [Test]
    public async Task The_validation_behaviour_passes_a_valid_request_on()
    {
        var behaviour = new ValidationBehaviour<ImportRuleset, ImportRulesetResult>([new ImportRulesetValidator()]);
        var expected = new ImportRulesetResult(new ImportReport()) { Response = new() };

        var result = await behaviour.Handle(new ImportRuleset(Utf8("{}"), null, ImportMode.Reset), CancellationToken.None, () => Task.FromResult(expected));

        Assert.That(result, Is.SameAs(expected));
    }
}
