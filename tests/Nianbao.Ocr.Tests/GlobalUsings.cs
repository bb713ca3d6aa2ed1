// The OCR tests print, rasterise and read whole reports on a shared 2-core machine: one test
// class at a time keeps each test's OCR from starving the others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
