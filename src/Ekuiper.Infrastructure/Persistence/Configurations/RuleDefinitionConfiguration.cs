using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class RuleDefinitionConfiguration : IEntityTypeConfiguration<RuleDefinition>
{
    public void Configure(EntityTypeBuilder<RuleDefinition> builder)
    {
        builder.ToTable("Rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Json).IsRequired();
        // What GET /rules lists, set from the JSON whenever it is set (RuleListing); rules stored before these columns
        // had them filled by the RuleListingColumns migrations.
        builder.Property(r => r.Name);
        builder.Property(r => r.TagsJson);
    }
}
