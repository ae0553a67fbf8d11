window.labyrintSearch.load("t-w",{"weekend":"EtD er","workshop":"SzO s"});
