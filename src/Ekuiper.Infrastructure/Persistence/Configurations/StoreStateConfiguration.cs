using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class StoreStateConfiguration : IEntityTypeConfiguration<StoreState>
{
    public void Configure(EntityTypeBuilder<StoreState> builder)
    {
        builder.ToTable("StoreState");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new StoreState { Id = StoreState.SingletonId, Revision = 0 });
    }
}
