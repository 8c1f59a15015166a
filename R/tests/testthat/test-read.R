# read_parkwatch(): typed columns from the Table Schemas, and refusal of files whose sha256 differs.
# Run from the repository, with the package installed (R CMD INSTALL R):
#   Rscript -e 'testthat::test_dir("R/tests/testthat", package = "parkwatch", load_package = "installed")'

root <- Sys.getenv("PARKWATCH_ROOT", normalizePath(file.path("..", "..", "..")))
package <- file.path(root, "datapackage")
descriptor <- jsonlite::fromJSON(file.path(package, "datapackage.json"), simplifyVector = FALSE)
csv_resources <- Filter(function(r) identical(r$format, "csv"), descriptor$resources)

copy_package <- function() {
  target <- tempfile("datapackage-")
  dir.create(target)
  file.copy(list.files(package, full.names = TRUE), target, recursive = TRUE)
  target
}

test_that("every table is read, named as in the descriptor", {
  tables <- read_parkwatch(package)
  expect_identical(names(tables), vapply(csv_resources, function(r) r$name, ""))
  for (resource in csv_resources) {
    lines <- readLines(file.path(package, resource$path), encoding = "UTF-8")
    expect_s3_class(tables[[resource$name]], "data.frame")
    expect_equal(nrow(tables[[resource$name]]), length(lines) - 1, label = resource$name)
  }
})

test_that("column types come from the Table Schema", {
  tables <- read_parkwatch(package)
  expected <- c(string = "character", integer = "integer", number = "numeric",
                boolean = "logical", date = "Date")
  for (resource in csv_resources) {
    schema <- jsonlite::fromJSON(file.path(package, resource$schema), simplifyVector = FALSE)
    table <- tables[[resource$name]]
    expect_identical(colnames(table), vapply(schema$fields, function(f) f$name, ""))
    for (field in schema$fields) {
      column <- table[[field$name]]
      enum <- unlist(field$constraints$enum)
      if (!is.null(enum)) {
        expect_true(is.factor(column), label = paste(resource$name, field$name))
        expect_identical(levels(column), enum)
      } else {
        expect_identical(class(column)[1], unname(expected[field$type]), label = paste(resource$name, field$name))
      }
    }
  }
})

test_that("values keep their meaning: money, dates, booleans, empty cells", {
  targets <- read_parkwatch(package)$targets
  first <- targets[targets$target_id == "industrial-investment-2024", ]
  expect_identical(first$value, 600000000)
  expect_identical(first$deadline_end, as.Date("2024-12-31"))
  expect_true(first$value_exact)
  expect_true(is.na(first$period_start))
  expect_identical(as.character(first$unit_stated), "亿元")
})

test_that("a changed byte is refused", {
  copy <- copy_package()
  file <- file.path(copy, "data", "targets.csv")
  bytes <- readBin(file, "raw", n = file.size(file))
  bytes[20] <- as.raw(bitwXor(as.integer(bytes[20]), 1L))
  writeBin(bytes, file)
  expect_error(read_parkwatch(copy), "targets.csv: sha256 is [0-9a-f]{64}, but datapackage.json says")
})

test_that("a changed size or a missing file is refused", {
  copy <- copy_package()
  cat("extra\n", file = file.path(copy, "data", "parks.csv"), append = TRUE)
  expect_error(read_parkwatch(copy), "parks.csv: [0-9]+ bytes, but datapackage.json says")
  unlink(file.path(copy, "data", "parks.csv"))
  expect_error(read_parkwatch(copy), "parks.csv is missing")
  expect_error(read_parkwatch(tempfile()), "datapackage.json is missing")
})

test_that("a value outside its allowed values is refused, even with a matching hash", {
  copy <- copy_package()
  schema_file <- file.path(copy, "schemas", "park_dates.json")
  schema <- jsonlite::fromJSON(schema_file, simplifyVector = FALSE)
  schema$fields[[2]]$constraints$enum <- list("only_this")
  jsonlite::write_json(schema, schema_file, auto_unbox = TRUE)
  resource <- Filter(function(r) identical(r$name, "park_dates"), csv_resources)[[1]]
  expect_error(parkwatch:::parkwatch_read_resource(copy, resource),
               "park_dates.csv: line 2, column 2: expected value in level set, got 'opened'")
})

rehash <- function(copy, name) {
  # Record a file's new size and hash on its resource, as a careless hand edit might, but not in parkwatch:files.
  meta_file <- file.path(copy, "datapackage.json")
  meta <- jsonlite::fromJSON(meta_file, simplifyVector = FALSE)
  file <- file.path(copy, name)
  bytes <- readBin(file, "raw", n = file.size(file))
  for (i in seq_along(meta$resources)) {
    if (identical(meta$resources[[i]]$path, name)) {
      meta$resources[[i]]$bytes <- length(bytes)
      meta$resources[[i]]$hash <- paste0("sha256:", parkwatch_sha256(bytes))
    }
  }
  writeLines(jsonlite::toJSON(meta, auto_unbox = TRUE, null = "null"), meta_file)
}

test_that("a retyped Table Schema, a changed dictionary or a stray file is refused", {
  copy <- copy_package()
  schema_file <- file.path(copy, "schemas", "targets.json")
  text <- readLines(schema_file, encoding = "UTF-8")
  writeLines(sub('"type": "number"', '"type": "string"', text), schema_file)
  expect_error(read_parkwatch(copy), "schemas/targets.json: sha256 is [0-9a-f]{64}, but datapackage.json says")
  copy <- copy_package()
  cat("edited\n", file = file.path(copy, "README.md"), append = TRUE)
  expect_error(read_parkwatch(copy), "README.md: [0-9]+ bytes, but datapackage.json says")
  copy <- copy_package()
  writeLines("x", file.path(copy, "data", "extra.csv"))
  expect_error(read_parkwatch(copy), "data/extra.csv is not listed")
  copy <- copy_package()
  rehash(copy, "data/parks.csv")
  cat("extra\n", file = file.path(copy, "data", "parks.csv"), append = TRUE)
  rehash(copy, "data/parks.csv")
  expect_error(read_parkwatch(copy), "parks.csv: [0-9]+ bytes, but datapackage.json says")
})

test_that("a release folder's licences are covered by its SHA256SUMS, and links are refused", {
  copy <- copy_package()
  writeLines("licence text", file.path(copy, "LICENSE-DATA"))
  bytes <- readBin(file.path(copy, "LICENSE-DATA"), "raw", n = file.size(file.path(copy, "LICENSE-DATA")))
  writeLines(paste0(parkwatch_sha256(bytes), "  LICENSE-DATA"), file.path(copy, "SHA256SUMS"))
  expect_true(length(read_parkwatch(copy)) > 0)
  cat("changed\n", file = file.path(copy, "LICENSE-DATA"), append = TRUE)
  expect_error(read_parkwatch(copy), "LICENSE-DATA: sha256 is [0-9a-f]{64}, but SHA256SUMS says")
  copy <- copy_package()
  target <- file.path(copy, "data", "parks.csv")
  moved <- tempfile(fileext = ".csv")
  file.copy(target, moved)
  unlink(target)
  file.symlink(moved, target)
  expect_error(read_parkwatch(copy), "parks.csv is a symbolic link")
})

test_that("a malformed descriptor stops cleanly", {
  copy <- copy_package()
  writeLines("[1, 2", file.path(copy, "datapackage.json"))
  expect_error(read_parkwatch(copy), "is not valid JSON")
  writeLines('{"resources": 7}', file.path(copy, "datapackage.json"))
  expect_error(read_parkwatch(copy), "has no list of resources")
})
