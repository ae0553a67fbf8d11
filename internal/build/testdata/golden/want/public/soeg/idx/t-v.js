window.labyrintSearch.load("t-v",{"velkom":"Ate men","vis":"F6A er","voksn":"CvS e","vor":"ExU es","værdi":"ApVD0A er erne"});
