module gortoracle

go 1.23
