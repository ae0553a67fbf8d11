window.labyrintSearch.load("t-_f8_",{"økonomi":"LrACsX en","økonomisk":"O8K"});
