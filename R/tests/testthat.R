# R CMD check runs this; set PARKWATCH_ROOT to the repository, whose datapackage/ the tests read.
library(testthat)
library(parkwatch)
test_check("parkwatch")
