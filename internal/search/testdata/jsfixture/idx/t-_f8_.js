window.labyrintSearch.load("t-_f8_",{"økonomi":"LqcCsK en","økonomisk":"O8K"});
