package io.notifier.account.account;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** An account and its balance (table account_info). */
@Table("account_info")
public record Account(
    @Id String accountNo,
    String accountName,
    @Column("account_balance") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance) {}
