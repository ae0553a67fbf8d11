window.labyrintSearch.load("t-w",{"weekend":"EtJ er","workshop":"SzO s"});
