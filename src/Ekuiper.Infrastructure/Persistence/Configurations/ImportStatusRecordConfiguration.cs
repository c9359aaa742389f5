using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class ImportStatusRecordConfiguration : IEntityTypeConfiguration<ImportStatusRecord>
{
    public void Configure(EntityTypeBuilder<ImportStatusRecord> builder)
    {
        builder.ToTable("ImportStatus");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ReportJson).IsRequired();
        // SQLite cannot order or compare DateTimeOffset natively; store it as ISO-8601 text.
        builder.Property(s => s.UpdatedAt).HasConversion<string>();
    }
}
