module gort.local/bench/go

go 1.23
